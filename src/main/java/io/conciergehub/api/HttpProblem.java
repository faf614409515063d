package io.conciergehub.api;

/**
 * A request the hub refuses, with the HTTP status to answer. The shared {@code http-errors} route
 * configuration turns it into {@code {"error": ..., "detail": ...}}.
 */
public class HttpProblem extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;

    public HttpProblem(int status, String error, String detail) {
        this(status, error, detail, null);
    }

    private HttpProblem(int status, String error, String detail, String field) {
        super(detail);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    /** 400 naming the request field at fault, as a JSON path ("payload.messages[2].phone"). */
    public static HttpProblem invalidField(String field, String detail) {
        return new HttpProblem(400, "invalid_field", field + ": " + detail, field);
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

    public String getDetail() {
        return getMessage();
    }
}
