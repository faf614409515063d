package io.conciergehub.api;

/**
 * Exponential back-off between attempts at a remote service: {@code first} after the first failed
 * attempt, then twice as long after each further one, never more than {@code max}.
 */
public record Backoff(long firstMillis, long maxMillis) {

    /** How long to wait after {@code attempts} failed attempts (1 or more). */
    public long afterAttempts(int attempts) {
        return Math.min(maxMillis, firstMillis << Math.min(Math.max(attempts, 1) - 1, 30));
    }
}
