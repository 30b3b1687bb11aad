package dev.library.gateway.security;

import org.springframework.web.server.ServerWebExchange;

/** The client's address as the edge determined it (see {@link ForwardedHeaders}). */
public final class ClientAddress {

    static final String ATTRIBUTE = ClientAddress.class.getName() + ".address";

    private ClientAddress() {
    }

    public static String of(ServerWebExchange exchange) {
        String address = exchange.getAttribute(ATTRIBUTE);
        return address != null ? address : "unknown";
    }
}
