package io.conciergehub.api;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Classifies a remote service's answer (a messaging provider, the event sink, the LLM). Server
 * errors are thrown inside the circuit breaker (they count against the service); 429 and other 4xx
 * are thrown after it, so neither trips the breaker. A caller whose request can wait for the
 * service (a reservation mail the model reads) also counts a wrong key, URL or model as the service
 * down ({@link #failOnServiceError}); the event sink, whose events wait for it in order, has its
 * own rule inside the breaker ({@link #failOnServiceUnavailable}); the paid pollers asked about one
 * thing per request (a flight by its ident) theirs ({@link #failOnProviderUnavailable}).
 */
public final class RemoteAnswers {

    private static final long DEFAULT_RETRY_AFTER_MILLIS = 1000;

    /** 4xx answers that say the service (its credentials, its URL) is wrong, not the request. */
    private static final Set<Integer> SERVICE_LEVEL_4XX = Set.of(401, 403, 404, 405, 407, 408);

    /** Of those, the ones that refuse the hub's credentials: {@link RemoteCallException.CredentialsRefused}. */
    private static final Set<Integer> CREDENTIALS_REFUSED = Set.of(401, 403, 407);

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

    /**
     * For a caller whose request waits for the service rather than fail for good (a reservation mail
     * stays unread for the next poll): 5xx, no answer, and every answer that says the service is
     * wrong, not the request: a redirect, 401, 403 (a revoked or wrong key), 404 (a wrong URL or
     * model), 405, 407, 408 are {@link RemoteCallException.Unavailable}, counted by the breaker like a
     * 5xx and retried, but for 401, 403 and 407 ({@link RemoteCallException.CredentialsRefused}),
     * which paid calls do not retry. What {@link #failOnClientError} finds after it (400, 422…) is
     * the service refusing this very request.
     */
    public void failOnServiceError(Exchange exchange) {
        int status = status(exchange);
        if (CREDENTIALS_REFUSED.contains(status)) {
            throw new RemoteCallException.CredentialsRefused(status, excerpt(exchange));
        }
        if (status / 100 == 3 || SERVICE_LEVEL_4XX.contains(status)) {
            throw new RemoteCallException.Unavailable(status, excerpt(exchange));
        }
        failOnServerError(exchange);
    }

    /**
     * Inside the circuit breaker of a service whose requests wait for it in order (the event sink):
     * every answer that says the service cannot take any request now, whatever the request, so the
     * breaker counts it and the request waits instead of failing for good. 429:
     * {@link RemoteCallException.RateLimited}; a 5xx with {@code Retry-After}:
     * {@link RemoteCallException.UnavailableFor}; no answer, other 5xx, 3xx, 401, 403, 404, 405, 407,
     * 408: {@link RemoteCallException.Unavailable}. What {@link #failOnClientError} finds after it
     * is the service refusing this very request.
     */
    public void failOnServiceUnavailable(Exchange exchange) {
        int status = status(exchange);
        String retryAfter = retryAfterHeader(exchange);
        if (status == 429) {
            throw rateLimited(exchange);
        }
        if (status >= 500 && retryAfter != null && !retryAfter.isBlank()) {
            throw new RemoteCallException.UnavailableFor(status, retryAfter(retryAfter), excerpt(exchange));
        }
        failOnServiceError(exchange);
    }

    /**
     * Inside the circuit breaker of a provider asked about one thing per request (AeroAPI about a
     * flight by its ident): what says the provider cannot answer
     * any request now, as {@link #failOnServiceUnavailable} (no answer, 5xx, 3xx, 401, 403, 405, 407,
     * 408, 429), but a 404 says the thing asked about is unknown, the request's, not the provider's.
     * What {@link #failOnClientError} finds after the breaker (400, 404, 422…) is the provider
     * refusing this very request: a bad ident asked at every poll does not open the breaker for the
     * good ones.
     */
    public void failOnProviderUnavailable(Exchange exchange) {
        if (status(exchange) == 404) {
            return;
        }
        failOnServiceUnavailable(exchange);
    }

    /**
     * Outside the circuit breaker of a service that takes an {@code Idempotency-Key} (the event
     * sink), before {@link #failOnClientError}: 409 and 425 say a request with this key is still
     * in progress there (the IETF Idempotency-Key draft), so the request is to be tried again later,
     * not refused for good: {@link RemoteCallException.KeyInProgress}.
     */
    public void failOnKeyInProgress(Exchange exchange) {
        int status = status(exchange);
        if (status == 409 || status == 425) {
            throw new RemoteCallException.KeyInProgress(status, excerpt(exchange));
        }
    }

    /** 429 and other non-2xx answers, outside the circuit breaker. */
    public void failOnClientError(Exchange exchange) {
        int status = status(exchange);
        if (status == 429) {
            throw rateLimited(exchange);
        }
        if (status < 200 || status >= 300) {
            throw new RemoteCallException.Rejected(status, excerpt(exchange));
        }
    }

    private RemoteCallException.RateLimited rateLimited(Exchange exchange) {
        return new RemoteCallException.RateLimited(retryAfter(retryAfterHeader(exchange)), excerpt(exchange));
    }

    private static String retryAfterHeader(Exchange exchange) {
        return exchange.getMessage().getHeader("Retry-After", String.class);
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
