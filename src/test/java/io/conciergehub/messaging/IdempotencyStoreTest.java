package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.TestRedis;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** Webhook idempotency keys live in Redis when it is configured, in SQLite otherwise; both stop a retry. */
class IdempotencyStoreTest {

    private static void deliverTwice(TestHub hub, String eventUuid, String phone) throws Exception {
        String body = Webhooks.spokiInbound(eventUuid, "msg-" + eventUuid, phone, "Where is the hotel?");
        for (int i = 0; i < 2; i++) {
            assertThat(hub.postSpoki(body)
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withRedisTheKeyIsInRedisAndTheGuestIsAnsweredOnce() throws Exception {
        String event = "ev-" + UUID.randomUUID();
        try (SpokiStub spoki = new SpokiStub(); TestRedis redis = TestRedis.shared();
             TestHub hub = spoki.configure(TestHub.builder()).property("concierge.redis-url", redis.url()).start()) {
            deliverTwice(hub, event, "+393330000401");

            await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo("+393330000401") == 1);
            Config config = new Config();
            config.useSingleServer().setAddress(redis.url());
            RedissonClient client = Redisson.create(config);
            try {
                assertThat(client.getKeys().countExists("concierge:idempotency:webhooks:spoki:" + event)).isEqualTo(1);
            } finally {
                client.shutdown();
            }
            assertThat(hub.count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED")).isZero();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> spoki.sentTo("+393330000401") == 1);
        }
    }

    @Test
    void withoutRedisTheKeyIsInSqliteAndTheGuestIsAnsweredOnce() throws Exception {
        String event = "ev-" + UUID.randomUUID();
        try (SpokiStub spoki = new SpokiStub(); TestHub hub = spoki.configure(TestHub.builder()).start()) {
            deliverTwice(hub, event, "+393330000402");

            await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo("+393330000402") == 1);
            assertThat(hub.count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'webhooks'"
                    + " AND messageId = 'spoki:" + event + "'")).isEqualTo(1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> spoki.sentTo("+393330000402") == 1);
        }
    }
}
