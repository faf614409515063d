package io.conciergehub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.TestRedis;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away under a running hub: its fallbacks take over instead of letting everything
 * through. A provider's retry of a webhook is still taken in once (SQLite's unique provider message
 * id) and its guest answered once, and an API key still meets its rate limit (counted in memory).
 */
class WithRedisDownARetryIsStillRefusedAndLimitsStillCountTest {

    static final String PHONE = "+393330000451";

    @Test
    void theFallbacksHoldWhatRedisHeld() throws Exception {
        try (SpokiStub spoki = new SpokiStub(); TestRedis redis = TestRedis.ownServer();
             TestHub hub = spoki.configure(TestHub.builder()).property("concierge.redis-url", redis.url())
                     // A day's window: seven calls that straddle the edge of a minute's window
                     // (they did once, on a slow machine) would find the count started again.
                     .property("api.rate-limit", "5").property("api.rate-limit-window", "1d").start()) {
            redis.stopServer();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.get("/health", "X-API-Key", TestHub.API_KEY)
                    .body().contains("\"redis\":\"DOWN\""));

            String webhook = Webhooks.spokiInbound("ev-redis-down", "msg-redis-down", PHONE, "Where is the hotel?");
            assertThat(hub.postSpoki(webhook).statusCode()).isEqualTo(200);
            assertThat(hub.postSpoki(webhook).statusCode()).as("the provider's retry is acknowledged").isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> spoki.sentTo(PHONE) == 1);
            assertThat(hub.count("SELECT COUNT(*) FROM messages WHERE direction = 'in'")).isEqualTo(1);

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                HttpResponse<String> stats = hub.getApi("/api/mesh/stats", TestHub.API_KEY);
                statuses.add(stats.statusCode());
            }
            assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> spoki.sentTo(PHONE) == 1);
        }
    }
}
