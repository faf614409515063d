package io.conciergehub.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the hub refuses, with the HTTP status to answer. The shared {@code http-errors} route
 * configuration turns it into {@code {"error": ..., "detail": ...}}.
 */
public class HttpProblem extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;
    private final Map<String, String> more;

    public HttpProblem(int status, String error, String detail) {
        this(status, error, detail, null, Map.of());
    }

    private HttpProblem(int status, String error, String detail, String field, Map<String, String> more) {
        super(detail);
        this.status = status;
        this.error = error;
        this.field = field;
        this.more = more;
    }

    /**
     * The same problem with one more member in its answer ({@code takenBy}, {@code active}). Never
     * a value the request sent: answers do not echo requests.
     */
    public HttpProblem with(String name, String value) {
        Map<String, String> added = new LinkedHashMap<>(more);
        added.put(name, value);
        return new HttpProblem(status, error, getDetail(), field, Map.copyOf(added));
    }

    /** 400 naming the request field at fault, as a JSON path ("payload.messages[2].phone"). */
    public static HttpProblem invalidField(String field, String detail) {
        return new HttpProblem(400, "invalid_field", field + ": " + detail, field, Map.of());
    }

    /** 422: the request is well formed, but what it asks cannot be done as asked; {@code field} says what would do. */
    public static HttpProblem unprocessable(String error, String field, String detail) {
        return new HttpProblem(422, error, detail, field, Map.of());
    }

    public static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, "unauthorized", detail);
    }

    public static HttpProblem forbidden(String detail) {
        return new HttpProblem(403, "forbidden", detail);
    }

    public static HttpProblem notFound(String detail) {
        return new HttpProblem(404, "not_found", detail);
    }

    public static HttpProblem conflict(String detail) {
        return new HttpProblem(409, "conflict", detail);
    }

    /**
     * 503 from a passive node of a pair: the change is the active node's, named in {@code active}
     * (the pair's other node, failover.peer-url) when there is one.
     */
    public static HttpProblem passive(String detail, String activeNode) {
        HttpProblem passive = new HttpProblem(503, "passive", detail);
        return activeNode == null || activeNode.isBlank() ? passive : passive.with("active", activeNode.trim());
    }

    public static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, "bad_request", detail);
    }

    public int getStatus() {
        return status;
    }

    public String getError() {
        return error;
    }

    /** The request field at fault, or null. */
    public String getField() {
        return field;
    }

    /** Members of the answer beyond error, detail and field. */
    public Map<String, String> getMore() {
        return more;
    }

    public String getDetail() {
        return getMessage();
    }
}
