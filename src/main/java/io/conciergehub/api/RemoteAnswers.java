package io.conciergehub.api;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.camel.Exchange;

/**
 * Classifies a remote service's answer (a messaging provider, the event sink, the LLM). Server
 * errors are thrown inside the circuit breaker (they count against the service); 429 and other 4xx
 * are thrown after it, so neither trips the breaker.
 */
public final class RemoteAnswers {

    private static final long DEFAULT_RETRY_AFTER_MILLIS = 1000;

    private final Clock clock;

    public RemoteAnswers(Clock clock) {
        this.clock = clock;
    }

    /** 5xx, or no answer at all, inside the circuit breaker. */
    public void failOnServerError(Exchange exchange) {
        int status = status(exchange);
        if (status >= 500 || status == 0) {
            throw new RemoteCallException.Unavailable(status, excerpt(exchange));
        }
    }

    /** 429 and other non-2xx answers, outside the circuit breaker. */
    public void failOnClientError(Exchange exchange) {
        int status = status(exchange);
        if (status == 429) {
            throw new RemoteCallException.RateLimited(retryAfter(exchange.getMessage().getHeader("Retry-After", String.class)),
                    excerpt(exchange));
        }
        if (status < 200 || status >= 300) {
            throw new RemoteCallException.Rejected(status, excerpt(exchange));
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date; a second when absent or unreadable. */
    long retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER_MILLIS;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, when.toInstant().toEpochMilli() - clock.millis());
            } catch (DateTimeParseException notADate) {
                return DEFAULT_RETRY_AFTER_MILLIS;
            }
        }
    }

    private static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 0 : status;
    }

    private static String excerpt(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
    }
}
