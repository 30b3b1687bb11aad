package dev.library.web.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the code of one endpoint does not tell springdoc by itself: its name and purpose, who may
 * call it, the status and headers of success, and the problems particular to it. The problems
 * every endpoint of its kind can answer (400 for bodies and parameters, 401, 403, 404 for path
 * variables, 413, 415) are added by {@link ApiConventions}.
 *
 * @param operationId       stable name, used by generated clients
 * @param tag               the group it is listed under
 * @param summary           one line: what it does
 * @param access            who may call it
 * @param successStatus     the status of success (springdoc only sees 200)
 * @param successHeaders    headers of the success response, by name (see {@link ApiConventions#HEADERS})
 * @param notModified       whether a matching If-None-Match is answered 304
 * @param problems          problems particular to this endpoint: status to when it happens
 */
public record ApiOperation(String operationId, String tag, String summary, Access access, int successStatus,
        List<String> successHeaders, boolean notModified, Map<Integer, String> problems) {

    public enum Access {
        /** No token needed. */
        PUBLIC,
        /** A valid access token. */
        SIGNED_IN,
        /** A valid access token with the ADMIN role. */
        ADMIN
    }

    public static ApiOperation of(String operationId, String tag, String summary, Access access) {
        return new ApiOperation(operationId, tag, summary, access, 200, List.of(), false, Map.of());
    }

    public ApiOperation succeeds(int status, String... headers) {
        return new ApiOperation(operationId, tag, summary, access, status, List.of(headers), notModified, problems);
    }

    public ApiOperation orNotModified() {
        return new ApiOperation(operationId, tag, summary, access, successStatus, successHeaders, true, problems);
    }

    public ApiOperation problem(int status, String when) {
        Map<Integer, String> more = new LinkedHashMap<>(problems);
        more.put(status, when);
        return new ApiOperation(operationId, tag, summary, access, successStatus, successHeaders, notModified, more);
    }
}
