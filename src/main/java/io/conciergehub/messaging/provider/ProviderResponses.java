package io.conciergehub.messaging.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;

/**
 * Classifies a provider's answer. Server errors are thrown inside the circuit breaker (they count
 * against the provider); 429 and other 4xx are thrown after it, so neither trips the breaker.
 */
public final class ProviderResponses {

    private static final long DEFAULT_RETRY_AFTER_MILLIS = 1000;

    private final ObjectMapper json;
    private final Clock clock;

    public ProviderResponses(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public void failOnServerError(Exchange exchange) {
        int status = status(exchange);
        if (status >= 500 || status == 0) {
            throw new ProviderException.Unavailable(status, excerpt(exchange));
        }
    }

    /** 429 and other non-2xx answers, outside the circuit breaker. */
    public void failOnClientError(Exchange exchange) {
        int status = status(exchange);
        if (status == 429) {
            throw new ProviderException.RateLimited(retryAfter(exchange.getMessage().getHeader("Retry-After", String.class)),
                    excerpt(exchange));
        }
        if (status < 200 || status >= 300) {
            throw new ProviderException.Rejected(status, excerpt(exchange));
        }
    }

    /** On 2xx stores the provider's message id in the exchange property {@code providerMessageId}. */
    public void accept(Exchange exchange) {
        failOnClientError(exchange);
        exchange.setProperty("providerMessageId", messageId(exchange.getMessage().getBody(String.class)));
    }

    /** Spoki answers {@code id}/{@code uuid}; the Cloud API {@code messages[0].id}. Either may be absent. */
    String messageId(String body) {
        try {
            JsonNode root = json.readTree(body == null ? "{}" : body);
            for (JsonNode candidate : new JsonNode[] {root.path("messages").path(0).path("id"), root.path("uuid"),
                    root.path("id")}) {
                if (!candidate.isMissingNode() && !candidate.isNull()) {
                    return candidate.asText();
                }
            }
        } catch (java.io.IOException notJson) {
            // tolerated: the send succeeded, only the id is unknown
        }
        return null;
    }

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
            } catch (java.time.format.DateTimeParseException notADate) {
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
