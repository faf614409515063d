package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The budget's pause of the paid pollers is stored: a restart keeps it. RESUME_WORKERS lifts it for
 * the rest of the month, though the month is still over budget; a new month lifts it on its own, and
 * the new month's budget pauses them again once spent.
 */
class ANewMonthOrAResumeLiftsTheBudgetPauseTest {

    static final AeroApiStub aeroapi = new AeroApiStub();

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void aResumeHoldsForTheMonthAndANewMonthLiftsThePause() throws Exception {
        Path dataDir = Files.createTempDirectory("budget-pause-");
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-07-30T10:00"));
        try (TestHub hub = start(clock, dataDir)) {
            overspend(hub, "+393331280001", "+393331280002");
            await().atMost(Duration.ofSeconds(10)).until(() -> flights(hub) == ServiceStatus.Suspended);
        }

        clock.advance(Duration.ofMinutes(5));
        try (TestHub hub = start(clock, dataDir)) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> flights(hub) == ServiceStatus.Suspended);
            assertThat(paidPollers(hub).path("by").asText()).isEqualTo("budget");

            assertThat(Flights.command(hub, "{\"action\":\"RESUME_WORKERS\"}")).isEqualTo("succeeded");
            assertThat(flights(hub)).isEqualTo(ServiceStatus.Started);
            assertThat(paidPollers(hub).path("by").asText()).startsWith("command:");
            // Still over budget, checked every second: the operator's resume holds for the month.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> flights(hub) == ServiceStatus.Started && !paidPollers(hub).path("paused").asBoolean());

            clock.moveTo(LocalDateTime.parse("2027-08-20T10:00"));
            overspend(hub, "+393331280003", "+393331280004");
            await().atMost(Duration.ofSeconds(10)).until(() -> flights(hub) == ServiceStatus.Suspended);

            clock.moveTo(LocalDateTime.parse("2027-09-01T00:00:30"));
            await().atMost(Duration.ofSeconds(10)).until(() -> flights(hub) == ServiceStatus.Started);
            JsonNode lifted = paidPollers(hub);
            assertThat(lifted.path("paused").asBoolean()).isFalse();
            assertThat(lifted.path("by").asText()).isEqualTo("budget");
        }
    }

    /** Two templates at 0.60 against a budget of 1.00. */
    private static void overspend(TestHub hub, String... phones) throws Exception {
        for (String phone : phones) {
            assertThat(Flights.command(hub, "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone + "\","
                    + "\"template\":\"1234\"}}")).isEqualTo("succeeded");
        }
    }

    private static ServiceStatus flights(TestHub hub) {
        return hub.context().getRouteController().getRouteStatus("flights");
    }

    private static JsonNode paidPollers(TestHub hub) throws Exception {
        return Pauses.stats(hub).path("paidPollers");
    }

    private static TestHub start(TestClock clock, Path dataDir) throws Exception {
        return aeroapi.configure(TestHub.builder().clock(clock).dataDir(dataDir))
                .property("costs.template-message", "0.60").property("costs.monthly-budget", "1")
                .property("costs.check-cron", "* * * * * ?").start();
    }
}
