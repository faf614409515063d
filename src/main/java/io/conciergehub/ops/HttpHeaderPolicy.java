package io.conciergehub.ops;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Which headers cross the hub's HTTP server, for every platform-http route. Camel puts request
 * headers and query parameters into the same message headers and writes the message headers back
 * as the answer's headers: left alone, {@code ?Set-Cookie=...} sets a cookie.
 *
 * <p>Out: only the headers the hub means to answer with. In: never a header of that set, so one
 * that reaches an answer was written by the hub; and never a credential, which the gates read
 * from the request itself ({@link HttpRequests}), so that a route cannot log or echo them.
 */
public final class HttpHeaderPolicy implements HeaderFilterStrategy {

    /** What an answer may carry besides Content-Type and Content-Length, which Camel sets itself. */
    static final Set<String> ANSWER_HEADERS = Set.of("location", "idempotent-replayed", "retry-after", "ratelimit-limit", "ratelimit-remaining",
            "ratelimit-reset", "cache-control", "content-disposition", "content-security-policy");
    private static final Set<String> CREDENTIALS = Set.of("x-api-key", "authorization", "cookie", "x-peer-signature");

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !ANSWER_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("camel") || ANSWER_HEADERS.contains(lower) || CREDENTIALS.contains(lower);
    }
}
