package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.TestHub;
import io.conciergehub.support.TestRedis;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void aHealthyHubIsUpAndShowsDetailsOnlyWithAnApiKey() throws Exception {
        try (TestHub hub = TestHub.builder().start()) {
            HttpResponse<String> anonymous = hub.get("/health");
            HttpResponse<String> operator = hub.get("/health", "X-API-Key", TestHub.API_KEY);

            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(anonymous.body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(operator.body()).contains("\"status\":\"UP\"", "\"role\":\"primary\"", "\"database\":\"UP\"",
                    "\"disk\":\"UP\"",
                    "\"outboxDepth\":0", "\"provider\":\"log\"", "\"redis\":\"not configured",
                    "\"staffAlerts\":\"not configured\"", "\"staffAlertsPending\":0");
        }
    }

    @Test
    void anUnusableDatabaseMakesTheHub503Down() throws Exception {
        try (TestHub hub = TestHub.builder().start();
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + hub.dataDir().resolve("hub.db"));
             Statement lock = other.createStatement()) {
            // Another process holds the database exclusively (a stuck tool, a copy in progress). It
            // gets the lock once a write the hub has under way ends (the hub writes at start too).
            lock.execute("PRAGMA busy_timeout = 10000");
            lock.execute("BEGIN EXCLUSIVE");

            HttpResponse<String> health = hub.get("/health", "X-API-Key", TestHub.API_KEY);

            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.headers().firstValue("Retry-After")).isPresent();
            assertThat(health.body()).contains("\"status\":\"DOWN\"", "\"database\":\"DOWN\"");
            lock.execute("ROLLBACK");
            assertThat(hub.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void lessFreeDiskThanHealthMinFreeDiskMakesTheHub503Down() throws Exception {
        Path dataDir = Files.createTempDirectory("hub-test-");
        // The disk as a full one looks to the hub: a threshold above all the space it has free.
        long freeMb = dataDir.toFile().getUsableSpace() >> 20;
        try (TestHub hub = TestHub.builder().dataDir(dataDir).property("health.min-free-disk", (2 * freeMb + 1024) + "MB")
                .start()) {
            HttpResponse<String> health = hub.get("/health", "X-API-Key", TestHub.API_KEY);

            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.headers().firstValue("Retry-After")).isPresent();
            assertThat(health.body()).contains("\"status\":\"DOWN\"", "\"disk\":\"DOWN\"", "disk nearly full");
            assertThat(hub.get("/health").body()).isEqualTo("{\"status\":\"DOWN\"}");
        }
    }

    @Test
    void redisGoingDownMakesTheHubDegradedNotDown() throws Exception {
        try (TestRedis redis = TestRedis.ownServer();
             TestHub hub = TestHub.builder().property("concierge.redis-url", redis.url()).start()) {
            assertThat(hub.get("/health", "X-API-Key", TestHub.API_KEY).body()).contains("\"status\":\"UP\"",
                    "\"redis\":\"UP\"");

            redis.stopServer();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> health = hub.get("/health", "X-API-Key", TestHub.API_KEY);
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"DEGRADED\"", "\"redis\":\"DOWN\"", "redis unreachable");
            });
        }
    }
}
