package dev.library.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;

import dev.library.gateway.routing.Routes;

/**
 * Which requests are sign-ins (login, signup, refresh): POSTs on the auth-service route whose path,
 * decoded and normalised as auth-service will read it, names one of those actions. Never the raw
 * string: {@code /api/auth/%73ignup} is routed to, and handled as, signup, so it is counted as one.
 */
final class SignInRequests {

    private static final List<String> AUTH_PREFIX = List.of("api", "auth");
    private static final Set<String> SIGN_IN_ACTIONS = Set.of("login", "signup", "refresh");

    private SignInRequests() {
    }

    static boolean isSignIn(ServerWebExchange exchange) {
        if (!HttpMethod.POST.equals(exchange.getRequest().getMethod())) {
            return false;
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || !Routes.AUTH_SERVICE.equals(route.getId())) {
            return false;
        }
        List<String> segments = normalisedSegments(exchange.getRequest().getPath().pathWithinApplication());
        return segments.size() == AUTH_PREFIX.size() + 1 && segments.subList(0, AUTH_PREFIX.size()).equals(AUTH_PREFIX)
                && SIGN_IN_ACTIONS.contains(segments.get(AUTH_PREFIX.size()));
    }

    /**
     * Percent-decoded segments without matrix parameters ({@code ;x=y}), empty segments ({@code //},
     * a trailing slash) or {@code .}, in lower case: every spelling a service might take for the same path
     * lands on the same list, so a policy decided on it cannot be dodged by spelling it differently.
     */
    static List<String> normalisedSegments(PathContainer path) {
        List<String> segments = new ArrayList<>();
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                String value = segment.valueToMatch().toLowerCase(Locale.ROOT);
                if (!value.isEmpty() && !value.equals(".")) {
                    segments.add(value);
                }
            }
        }
        return segments;
    }
}
