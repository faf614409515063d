package io.conciergehub.messaging.provider;

import io.conciergehub.ops.RetryAfterDelay;

/** A remote service (messaging provider, LLM) answered with an error status. */
public class ProviderException extends RuntimeException {

    private final int status;

    public ProviderException(int status, String detail) {
        super("provider answered " + status + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
    }

    public int getStatus() {
        return status;
    }

    /** 5xx: the provider is failing; retried, and counted by the circuit breaker. */
    public static class Unavailable extends ProviderException {
        public Unavailable(int status, String detail) {
            super(status, detail);
        }
    }

    /** 4xx other than 429: the request itself is wrong; never retried. */
    public static class Rejected extends ProviderException {
        public Rejected(int status, String detail) {
            super(status, detail);
        }
    }

    /** 429: slow down and try again after {@code retryAfterMillis}; not a failure of the provider. */
    public static class RateLimited extends ProviderException implements RetryAfterDelay.RetryAfter {
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
