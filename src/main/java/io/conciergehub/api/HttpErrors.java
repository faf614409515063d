package io.conciergehub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders the JSON error answers of the {@code http-errors} route configuration. */
public final class HttpErrors {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
    private static final String RATE_LIMIT_HEADERS = "RateLimit-";

    private final ObjectMapper json;

    public HttpErrors(ObjectMapper json) {
        this.json = json;
    }

    public void problem(Exchange exchange) throws Exception {
        HttpProblem problem = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, HttpProblem.class);
        LOG.info("event=http.refused route={} status={} error={}", exchange.getFromRouteId(), problem.getStatus(),
                problem.getError());
        answer(exchange, problem.getStatus(), problem.getError(), problem.getDetail(), problem.getField(),
                problem.getMore());
    }

    public void malformedJson(Exchange exchange) throws Exception {
        LOG.info("event=http.refused route={} status=400 error=malformed_json", exchange.getFromRouteId());
        answer(exchange, 400, "malformed_json", "the body is not valid JSON");
    }

    public void internalError(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.error("event=http.failed route={} error=\"{}\"", exchange.getFromRouteId(), cause, cause);
        exchange.getMessage().setHeader("Retry-After", "5");
        answer(exchange, 500, "internal_error", "the request could not be processed; retry later");
    }

    private void answer(Exchange exchange, int status, String error, String detail) throws Exception {
        answer(exchange, status, error, detail, null, Map.of());
    }

    private void answer(Exchange exchange, int status, String error, String detail, String field,
            Map<String, String> more) throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        body.putAll(more);
        writeJson(exchange, json, status, body);
    }

    /**
     * How every JSON answer of the hub's HTTP routes is written: status and body, and of the
     * headers only the rate-limit ones and {@code Retry-After}; request headers are never echoed.
     */
    public static void writeJson(Exchange exchange, ObjectMapper json, int status, Object body) throws Exception {
        Message message = exchange.getMessage();
        // Not Camel's removeHeaders("*", excluded...): it compiles a regular expression anew for each
        // exclusion a header does not match literally, two for nearly every header of the request.
        message.getHeaders().keySet().removeIf(name -> !keptOnAnswers(name));
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json.writeValueAsString(body));
    }

    private static boolean keptOnAnswers(String header) {
        return header.equalsIgnoreCase("Retry-After")
                || header.regionMatches(true, 0, RATE_LIMIT_HEADERS, 0, RATE_LIMIT_HEADERS.length());
    }
}
