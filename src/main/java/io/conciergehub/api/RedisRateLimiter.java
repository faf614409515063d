package io.conciergehub.api;

import java.time.Clock;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixed-window counters in Redis, shared by every hub that uses the same Redis: one atomic
 * script per request (INCR, and PEXPIRE on the window's first request). Windows are aligned to
 * the epoch, so every node agrees on which window a request falls in. While Redis cannot be
 * reached the node counts on its own (in memory) rather than refusing or admitting everything.
 */
public final class RedisRateLimiter extends RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final String COUNT_IN_WINDOW = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return count
            """;

    private final RedissonClient redis;
    private final String prefix;
    private volatile boolean degraded;

    public RedisRateLimiter(RedissonClient redis, String prefix, Clock clock) {
        super(clock);
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public Window hit(String bucket, long windowMillis) {
        long now = clock.millis();
        String key = prefix + bucket + ":" + now / windowMillis;
        try {
            Long count = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, COUNT_IN_WINDOW,
                    RScript.ReturnType.INTEGER, List.of(key), String.valueOf(windowMillis));
            if (degraded) {
                degraded = false;
                LOG.info("event=rate-limit.redis-back");
            }
            return new Window(count, windowMillis - now % windowMillis);
        } catch (RuntimeException e) {
            if (!degraded) {
                degraded = true;
                LOG.warn("event=rate-limit.redis-unavailable fallback=in-memory error=\"{}\"", e.getMessage());
            }
            return super.hit(bucket, windowMillis);
        }
    }
}
