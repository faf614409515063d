package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/** The Redis idempotency store against a real Redis server. */
class RedisIdempotentRepositoryTest {

    static TestRedis redis;
    static RedissonClient client;
    static RedisIdempotentRepository repository;

    @BeforeAll
    static void start() throws Exception {
        redis = TestRedis.shared();
        Config config = new Config();
        config.useSingleServer().setAddress(redis.url());
        client = Redisson.create(config);
        repository = new RedisIdempotentRepository(client, "test-" + UUID.randomUUID(), Duration.ofHours(1));
    }

    @AfterAll
    static void stop() throws Exception {
        repository.clear();
        client.shutdown();
        redis.close();
    }

    @Test
    void aKeyIsNewOnlyOnce() {
        assertThat(repository.contains("spoki:ev-1")).isFalse();
        assertThat(repository.add("spoki:ev-1")).isTrue();
        assertThat(repository.add("spoki:ev-1")).isFalse();
        assertThat(repository.contains("spoki:ev-1")).isTrue();
    }

    @Test
    void keysExpireSoRedisDoesNotGrowForever() {
        repository.add("spoki:ev-ttl");

        long ttl = client.getKeys().getKeysStream().filter(k -> k.endsWith("spoki:ev-ttl"))
                .mapToLong(k -> client.getBucket(k, StringCodec.INSTANCE).remainTimeToLive()).findFirst().orElse(-1);

        assertThat(ttl).isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofHours(1).toMillis());
    }

    @Test
    void twentyConcurrentAddsOfOneKeyLetExactlyOneThrough() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Boolean>> results = new ArrayList<>();
        Callable<Boolean> add = () -> repository.add("spoki:ev-race");
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(add));
        }
        int winners = 0;
        for (Future<Boolean> result : results) {
            winners += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
    }
}
