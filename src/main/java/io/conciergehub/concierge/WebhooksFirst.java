package io.conciergehub.concierge;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * In a burst, acknowledging webhooks comes before answering them. A provider waits for each
 * acknowledgement and sends again what it does not get in time, while a guest's answer can wait a
 * moment; yet on a small machine the concierge, and the sends each answer starts, take the cores the
 * webhook workers need. So while webhooks come faster than {@code concierge.give-way-above} a
 * second (faster than the answers can follow: their backlog grows either way) the concierge waits
 * before it decides the next answer, for at most {@code concierge.give-way-max} per message, so
 * that even a long flood gets answers meanwhile; the backlog is answered from the durable queue
 * once the burst is over.
 *
 * <p>The rate, not the webhooks in flight: where a disk's fsync is slow, acknowledgements wait for
 * it with several webhooks in flight at a modest rate, and the cores are free for the answers.
 */
public final class WebhooksFirst {

    /**
     * The rate is measured over at least this long: a pause of the JVM, whose webhooks are then
     * acknowledged together, is not a burst.
     */
    static final long RATE_WINDOW_NANOS = Duration.ofMillis(500).toNanos();
    /** How often a waiting concierge looks again: short against a burst, long against an answer. */
    static final long LOOK_AGAIN_NANOS = Duration.ofMillis(5).toNanos();

    private final LongSupplier webhooksAnswered;
    private final LongSupplier nanoClock;
    private final LongConsumer waitedNanos;
    private final int abovePerSecond;
    private final long maxWaitNanos;

    private long sampledAt;
    private long sampledWebhooks;
    private double perSecond;

    /**
     * @param webhooksAnswered webhooks acknowledged since the start
     * @param nanoClock {@link System#nanoTime()}, or a test's clock
     * @param waitedNanos told how long each wait took
     * @param abovePerSecond webhooks a second from which the concierge waits; 0: it never waits
     * @param maxWait the longest one message waits so
     */
    public WebhooksFirst(LongSupplier webhooksAnswered, LongSupplier nanoClock, LongConsumer waitedNanos,
            int abovePerSecond, Duration maxWait) {
        this.webhooksAnswered = webhooksAnswered;
        this.nanoClock = nanoClock;
        this.waitedNanos = waitedNanos;
        this.abovePerSecond = abovePerSecond;
        this.maxWaitNanos = maxWait.toNanos();
        this.sampledAt = nanoClock.getAsLong();
        this.sampledWebhooks = webhooksAnswered.getAsLong();
    }

    /** Returns at once unless webhooks come in a burst; then once it is over, or after the longest wait. */
    public void giveWay() {
        if (abovePerSecond == 0 || !inABurst()) {
            return;
        }
        long start = nanoClock.getAsLong();
        long waited;
        do {
            LockSupport.parkNanos(LOOK_AGAIN_NANOS);
            waited = nanoClock.getAsLong() - start;
        } while (waited < maxWaitNanos && inABurst());
        waitedNanos.accept(waited);
    }

    /** Whether webhooks came faster than the threshold over the last rate window that ended. */
    synchronized boolean inABurst() {
        long now = nanoClock.getAsLong();
        long elapsed = now - sampledAt;
        if (elapsed >= RATE_WINDOW_NANOS) {
            long webhooks = webhooksAnswered.getAsLong();
            perSecond = (webhooks - sampledWebhooks) * 1e9 / elapsed;
            sampledAt = now;
            sampledWebhooks = webhooks;
        }
        return perSecond > abovePerSecond;
    }
}
