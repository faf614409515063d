package io.conciergehub.store;

import java.time.Duration;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency keys in Redis (SET NX with a TTL) on the Redisson client that camel-redis brings.
 *
 * <p>Redis is shared fast state, not the system of record: when it cannot be reached the
 * repository lets the message through and the unique index on the provider message id in SQLite
 * still refuses the duplicate, so a Redis outage degrades the hub instead of stopping webhooks.
 */
public final class RedisIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(RedisIdempotentRepository.class);

    private final RedissonClient redis;
    private final String prefix;
    private final Duration ttl;

    public RedisIdempotentRepository(RedissonClient redis, String name, Duration ttl) {
        this.redis = redis;
        this.prefix = "concierge:idempotency:" + name + ":";
        this.ttl = ttl;
    }

    @Override
    public boolean add(String key) {
        try {
            return redis.getBucket(prefix + key, StringCodec.INSTANCE).setIfAbsent("1", ttl);
        } catch (RuntimeException unreachable) {
            LOG.warn("event=idempotency.redis-unavailable action=pass-through error=\"{}\"", unreachable.getMessage());
            return true;
        }
    }

    @Override
    public boolean contains(String key) {
        try {
            return redis.getBucket(prefix + key, StringCodec.INSTANCE).isExists();
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    @Override
    public boolean remove(String key) {
        try {
            return redis.getBucket(prefix + key, StringCodec.INSTANCE).delete();
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        redis.getKeys().deleteByPattern(prefix + "*");
    }

    @Override
    protected void doStart() {
        // the client's life cycle belongs to the configuration that created it
    }

    @Override
    protected void doStop() {
        // idem
    }
}
