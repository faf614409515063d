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
 * A pause by hand (PAUSE_WORKERS) is the operator's: neither the night pause nor the 08:00 resume
 * touches it, RESUME_WORKERS lifts it. RESUME_WORKERS also lifts the schedule's night pause, which
 * then holds off until the next night.
 */
class AHandPauseOutlastsTheMorningAndResumeWorkersLiftsAnyPauseTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-05-10T01:00"));

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Pauses.everySecond(hub, clock));

    @Test
    void onlyResumeWorkersLiftsAHandPauseAndItLiftsTheNightPauseToo() throws Exception {
        Flights.book(env.hub(), "H-1", "Ada", "+393331250001", "it", "2027-05-11", null);
        assertThat(Flights.command(env.hub(), "{\"action\":\"PAUSE_WORKERS\"}")).isEqualTo("succeeded");
        assertThat(Pauses.by(env.hub())).startsWith("command:");

        clock.moveTo(LocalDateTime.parse("2027-05-10T02:00:30"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> Pauses.by(env.hub()).startsWith("command:"));
        clock.moveTo(LocalDateTime.parse("2027-05-10T08:00:30"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> Pauses.paused(env.hub()) && Pauses.by(env.hub()).startsWith("command:"));
        assertThat(Pauses.forwarding(env.hub())).isFalse();

        assertThat(Flights.command(env.hub(), "{\"action\":\"RESUME_WORKERS\"}")).isEqualTo("succeeded");
        assertThat(Pauses.paused(env.hub())).isFalse();
        assertThat(Pauses.forwarding(env.hub())).isTrue();

        // The next night the schedule pauses again; RESUME_WORKERS lifts that too, for the rest of the night.
        Flights.book(env.hub(), "H-2", "Bea", "+393331250002", "it", "2027-05-12", null);
        clock.moveTo(LocalDateTime.parse("2027-05-11T02:00:30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "schedule-night".equals(Pauses.by(env.hub())));

        assertThat(Flights.command(env.hub(), "{\"action\":\"RESUME_WORKERS\"}")).isEqualTo("succeeded");
        clock.moveTo(LocalDateTime.parse("2027-05-11T03:00"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> !Pauses.paused(env.hub()) && Pauses.forwarding(env.hub()));
        assertThat(Pauses.by(env.hub())).startsWith("command:");
    }
}
