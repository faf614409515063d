package io.conciergehub.api;


/** A remote service (messaging provider, event sink, LLM) answered with an error status. */
public class RemoteCallException extends RuntimeException {

    private final int status;

    public RemoteCallException(int status, String detail) {
        super("remote service answered " + status + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
    }

    public int getStatus() {
        return status;
    }

    /** 5xx: the service is failing; retried, and counted by the circuit breaker. */
    public static class Unavailable extends RemoteCallException {
        public Unavailable(int status, String detail) {
            super(status, detail);
        }
    }

    /** 4xx other than 429: the request itself is wrong; never retried. */
    public static class Rejected extends RemoteCallException {
        public Rejected(int status, String detail) {
            super(status, detail);
        }
    }

    /** 429: slow down and try again after {@code retryAfterMillis}; not a failure of the service. */
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
