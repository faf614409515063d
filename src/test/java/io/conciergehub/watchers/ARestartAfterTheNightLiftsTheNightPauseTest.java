package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * A hub paused for the night and stopped at 07:50 is started again at 08:10, after the morning
 * resume it missed: its first check lifts the stored night pause and the cloud-facing work runs.
 */
class ARestartAfterTheNightLiftsTheNightPauseTest {

    @Test
    void theHubStartedAfterEightResumesTheWork() throws Exception {
        Path dataDir = Files.createTempDirectory("night-restart-");
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-05-10T01:59"));
        try (TestHub hub = start(clock, dataDir)) {
            // A guest arrives tomorrow: the hotel is not idle.
            Flights.book(hub, "M-1", "Ada", "+393331280001", "it", "2027-05-11", null);
            clock.moveTo(LocalDateTime.parse("2027-05-10T02:00:30"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "schedule-night".equals(Pauses.by(hub)));
            clock.moveTo(LocalDateTime.parse("2027-05-10T07:50"));
        }

        clock.moveTo(LocalDateTime.parse("2027-05-10T08:10"));
        try (TestHub hub = start(clock, dataDir)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !Pauses.paused(hub) && Pauses.forwarding(hub));
            assertThat(Pauses.by(hub)).isEqualTo("schedule");
        }
    }

    private static TestHub start(TestClock clock, Path dataDir) throws Exception {
        return Pauses.everySecond(TestHub.builder(), clock).dataDir(dataDir).start();
    }
}
