package io.conciergehub.ops;

/**
 * A request the hub refuses, with the HTTP status to answer. The shared {@code http-errors} route
 * configuration turns it into {@code {"error": ..., "detail": ...}}.
 */
public class HttpProblem extends RuntimeException {

    private final int status;
    private final String error;

    public HttpProblem(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, "unauthorized", detail);
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

    public String getDetail() {
        return getMessage();
    }
}
