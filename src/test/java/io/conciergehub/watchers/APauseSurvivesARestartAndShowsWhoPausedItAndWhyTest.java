package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The workers' pause is stored: started again on its data directory, the hub keeps the cloud-facing
 * work paused (the schedule does not lift a pause by hand), and /health (still UP), /metrics and the
 * stats say who paused it (the API key's id), why and since when.
 */
class APauseSurvivesARestartAndShowsWhoPausedItAndWhyTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPausedHubStartsPaused() throws Exception {
        Path dataDir = Files.createTempDirectory("pause-restart-");
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-05-10T15:00"));
        String keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TestHub.API_KEY.getBytes(StandardCharsets.UTF_8)), 0, 4);
        try (TestHub hub = start(clock, dataDir)) {
            Flights.book(hub, "R-1", "Ada", "+393331260001", "it", "2027-05-11", null);
            assertThat(Flights.command(hub, "{\"action\":\"PAUSE_WORKERS\"}")).isEqualTo("succeeded");
        }

        clock.advance(Duration.ofMinutes(5));
        try (TestHub hub = start(clock, dataDir)) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> Pauses.paused(hub) && !Pauses.forwarding(hub));
            JsonNode stats = Pauses.stats(hub);
            assertThat(stats.path("workersPausedBy").asText()).isEqualTo("command:" + keyId);
            assertThat(stats.path("workersPauseReason").asText()).isEqualTo("command");
            assertThat(stats.path("workersPausedSince").asText()).isEqualTo("2027-05-10T13:00:00Z");

            JsonNode health = JSON.readTree(hub.get("/health", "X-API-Key", TestHub.API_KEY).body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("checks").path("workers").path("paused").asBoolean()).isTrue();
            assertThat(health.path("checks").path("workers").path("by").asText()).isEqualTo("command:" + keyId);
            assertThat(health.path("checks").path("workers").path("reason").asText()).isEqualTo("command");
            assertThat(health.path("checks").path("workers").path("since").asText()).isEqualTo("2027-05-10T13:00:00Z");

            assertThat(hub.get("/metrics", "X-API-Key", TestHub.API_KEY).body()).contains("concierge_workers_paused 1.0")
                    .contains("concierge_workers_pause_reason{reason=\"command\"} 1.0")
                    .contains("concierge_workers_pause_reason{reason=\"night\"} 0.0");

            assertThat(Flights.command(hub, "{\"action\":\"RESUME_WORKERS\"}")).isEqualTo("succeeded");
            assertThat(Pauses.forwarding(hub)).isTrue();
            assertThat(hub.get("/metrics", "X-API-Key", TestHub.API_KEY).body()).contains("concierge_workers_paused 0.0");
        }
    }

    private static TestHub start(TestClock clock, Path dataDir) throws Exception {
        return Pauses.everySecond(TestHub.builder(), clock).dataDir(dataDir).start();
    }
}
