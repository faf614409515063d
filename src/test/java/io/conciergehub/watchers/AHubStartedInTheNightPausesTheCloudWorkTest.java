package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hub started at 02:05, after the 02:00 pause it did not see, with no pause stored: its first
 * check pauses the cloud-facing work for the night, and 08:00 resumes it.
 */
class AHubStartedInTheNightPausesTheCloudWorkTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-05-10T02:05"));

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Pauses.everySecond(hub, clock));

    @Test
    void theFirstCheckPausesForTheNight() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> Pauses.paused(env.hub()));
        assertThat(Pauses.by(env.hub())).isEqualTo("schedule-night");
        assertThat(Pauses.stats(env.hub()).path("workersPauseReason").asText()).isEqualTo("night");
        assertThat(Pauses.forwarding(env.hub())).isFalse();

        // A guest arrives tomorrow: the hotel is not idle, and the morning resumes the work.
        Flights.book(env.hub(), "M-2", "Ada", "+393331280002", "it", "2027-05-11", null);
        clock.moveTo(LocalDateTime.parse("2027-05-10T08:00:30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Pauses.paused(env.hub()) && Pauses.forwarding(env.hub()));
        assertThat(Pauses.by(env.hub())).isEqualTo("schedule");
    }
}
