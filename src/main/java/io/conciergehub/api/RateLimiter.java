package io.conciergehub.api;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-window request counters: {@link #hit} counts one request in the current window of a
 * bucket ("key:ab12cd34", "ip:203.0.113.9") and says how many the window has seen. This one
 * counts in memory, for a single node; {@link RedisRateLimiter} shares the counts between nodes.
 */
public class RateLimiter {

    /** The state of a bucket's current window after a request was counted. */
    public record Window(long count, long resetMillis) {
    }

    private record Counter(long windowStart, AtomicInteger count) {
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    protected final Clock clock;

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    public Window hit(String bucket, long windowMillis) {
        long now = clock.millis();
        long windowStart = now - now % windowMillis;
        Counter counter = counters.compute(bucket, (k, current) ->
                current == null || current.windowStart() != windowStart ? new Counter(windowStart, new AtomicInteger()) : current);
        if (counters.size() > 10_000) {
            forgetWindowsBefore(windowStart);
        }
        return new Window(counter.count().incrementAndGet(), windowStart + windowMillis - now);
    }

    private void forgetWindowsBefore(long windowStart) {
        for (Iterator<Counter> it = counters.values().iterator(); it.hasNext(); ) {
            if (it.next().windowStart() < windowStart) {
                it.remove();
            }
        }
    }
}
