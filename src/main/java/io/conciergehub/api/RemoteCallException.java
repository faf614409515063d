package io.conciergehub.api;


/**
 * A remote service (messaging provider, event sink, LLM) answered with an error status. The message
 * names the status only: Camel's retry lines and the hub's log print it, and the service's answer
 * may quote the request (a guest's phone number or words). That answer is {@link #detail()}, which
 * {@link Failures#stored} keeps for staff.
 */
public class RemoteCallException extends RuntimeException {

    private final int status;
    private final String detail;

    public RemoteCallException(int status, String detail) {
        super("remote service answered " + status);
        this.status = status;
        this.detail = detail == null ? "" : detail.strip();
    }

    public int getStatus() {
        return status;
    }

    /** The start of the service's answer; "" when it had none. */
    public String detail() {
        return detail;
    }

    /**
     * 5xx: the service is failing; retried, and counted by the circuit breaker. For the event sink
     * and the model reading reservation mails also no answer, a redirect, 401, 403, 404, 405, 407
     * and 408: it cannot take any request now.
     */
    public static class Unavailable extends RemoteCallException {
        public Unavailable(int status, String detail) {
            super(status, detail);
        }
    }

    /**
     * 401, 403 or 407 where a refusal says the service is wrong, not the request
     * ({@link RemoteAnswers#failOnServiceError}): the hub's credentials are refused (a revoked or
     * mistyped key). Unavailable for every request until someone fixes the key, so the breaker
     * counts it; a retry moments later would be refused the same way, so paid calls do not retry it.
     */
    public static class CredentialsRefused extends Unavailable {
        public CredentialsRefused(int status, String detail) {
            super(status, detail);
        }
    }

    /**
     * A 5xx with {@code Retry-After} from a service whose requests wait for it in order (the event
     * sink, {@link RemoteAnswers#failOnServiceUnavailable}): unavailable, and says for how long.
     */
    public static class UnavailableFor extends Unavailable implements RetryAfterDelay.RetryAfter {
        private final long retryAfterMillis;

        public UnavailableFor(int status, long retryAfterMillis, String detail) {
            super(status, detail);
            this.retryAfterMillis = retryAfterMillis;
        }

        @Override
        public long getRetryAfterMillis() {
            return retryAfterMillis;
        }
    }

    /** 4xx other than 429: the request itself is wrong; never retried. */
    public static class Rejected extends RemoteCallException {
        public Rejected(int status, String detail) {
            super(status, detail);
        }
    }

    /**
     * 409 or 425 from a service that takes an {@code Idempotency-Key} (the event sink,
     * {@link RemoteAnswers#failOnKeyInProgress}): a request with this key is still being processed
     * there (an earlier attempt the caller gave up waiting for), or came too early. Not a refusal of
     * the request: it is tried again later, as one more attempt.
     */
    public static class KeyInProgress extends RemoteCallException {
        public KeyInProgress(int status, String detail) {
            super(status, detail);
        }
    }

    /**
     * 429: slow down and try again after {@code retryAfterMillis}; not a failure of the service,
     * except for the event sink, whose breaker counts it ({@link RemoteAnswers#failOnServiceUnavailable}).
     */
    public static class RateLimited extends RemoteCallException implements RetryAfterDelay.RetryAfter {
        private final long retryAfterMillis;

        public RateLimited(long retryAfterMillis, String detail) {
            super(429, detail);
            this.retryAfterMillis = retryAfterMillis;
        }

        @Override
        public long getRetryAfterMillis() {
            return retryAfterMillis;
        }
    }
}
