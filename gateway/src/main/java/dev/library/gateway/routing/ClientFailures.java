package dev.library.gateway.routing;

import io.netty.handler.timeout.ReadTimeoutException;

/**
 * Failures of a proxied call that are the client's doing, not the service's: its request body
 * stopped arriving and met the edge's body deadlines (library.gateway.edge.body-*).
 */
public final class ClientFailures {

    /** Reactor Netty's body deadline error; the class is not public, so it is known by name. */
    private static final String REQUEST_TIMEOUT = "reactor.netty.http.server.RequestTimeoutException";
    private static final int MAX_DEPTH = 16;

    private ClientFailures() {
    }

    public static boolean isClients(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof ReadTimeoutException || REQUEST_TIMEOUT.equals(cause.getClass().getName())) {
                return true;
            }
        }
        return false;
    }
}
