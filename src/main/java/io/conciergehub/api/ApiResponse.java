package io.conciergehub.api;

import java.util.Map;

/** What an API operation answers: a status, a JSON body, and response headers beyond the usual. */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body, Map.of());
    }
}
