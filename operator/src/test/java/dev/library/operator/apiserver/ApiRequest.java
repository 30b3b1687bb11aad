package dev.library.operator.apiserver;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One HTTP request to the API server as its authorizer sees it: verb, API group, resource,
 * subresource, namespace and name (the attributes RBAC rules match). Paths that name no resource
 * (discovery such as /api, /apis, /version) have {@code resource} null.
 *
 * @param contentType the request's Content-Type (apply patches are told apart by it)
 * @param body        the request's body, for checks on what a write carries
 */
public record ApiRequest(String method, String path, String verb, String group, String resource, String subresource,
        String namespace, String name, String contentType, String body) {

    public static ApiRequest of(String method, String pathAndQuery, String contentType, String body) {
        URI uri = URI.create(pathAndQuery);
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        List<String> segments = new ArrayList<>(Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toList());
        String group;
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            group = "";
            segments = segments.subList(2, segments.size());
        } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            segments = segments.subList(3, segments.size());
        } else {
            return new ApiRequest(method, pathAndQuery, method.toLowerCase(), null, null, null, null, null, contentType, body);
        }
        String namespace = null;
        // namespaces/NS/RESOURCE... is namespaced; namespaces[/NAME] is the Namespace resource itself.
        if (segments.size() >= 3 && segments.get(0).equals("namespaces")) {
            namespace = segments.get(1);
            segments = segments.subList(2, segments.size());
        }
        if (segments.isEmpty()) {
            return new ApiRequest(method, pathAndQuery, method.toLowerCase(), group, null, null, namespace, null, contentType,
                    body);
        }
        String resource = segments.get(0);
        String name = segments.size() > 1 ? segments.get(1) : null;
        String subresource = segments.size() > 2 ? segments.get(2) : null;
        boolean watch = Arrays.stream(query.split("&")).anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
        String verb = switch (method) {
            case "GET" -> watch ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> method.toLowerCase();
        };
        return new ApiRequest(method, pathAndQuery, verb, group, resource, subresource, namespace, name, contentType, body);
    }

    /** Discovery and other paths outside any API group's resources (every authenticated user may read them). */
    public boolean isNonResource() {
        return resource == null;
    }

    /** A server-side apply: authorized as patch, and as create too when the object does not exist yet. */
    public boolean isApply() {
        return "PATCH".equals(method) && contentType != null && contentType.startsWith("application/apply-patch");
    }

    /** resource or resource/subresource, as RBAC rules write it. */
    public String resourcePath() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    @Override
    public String toString() {
        return verb + " " + (group == null || group.isEmpty() ? "core" : group) + " " + resourcePath()
                + (namespace == null ? "" : " in " + namespace) + (name == null ? "" : " named " + name);
    }
}
