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
 * After schedules.idle-after with no booking arriving within 36 hours the cloud-facing work pauses
 * (reason idle); a booking arriving in three days does not end it, one arriving tomorrow does.
 */
class WithNoArrivalSoonTheCloudWorkPausesUntilABookingArrivesSoonTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-06-01T10:00"));

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Pauses.everySecond(hub, clock));

    @Test
    void anIdleHotelPausesAndABookingForTomorrowResumes() throws Exception {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> !Pauses.paused(env.hub()));
        clock.advance(Duration.ofMinutes(119));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> !Pauses.paused(env.hub()));

        clock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> Pauses.paused(env.hub()));
        assertThat(Pauses.stats(env.hub()).path("workersPauseReason").asText()).isEqualTo("idle");
        assertThat(Pauses.by(env.hub())).isEqualTo("schedule-idle");
        // The pause is stored first; the routes follow a moment later.
        await().atMost(Duration.ofSeconds(10)).until(() -> !Pauses.forwarding(env.hub()));

        Flights.book(env.hub(), "I-1", "Ada", "+393331270001", "it", "2027-06-04", null);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> Pauses.paused(env.hub()));

        Flights.book(env.hub(), "I-2", "Bea", "+393331270002", "it", "2027-06-02", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Pauses.paused(env.hub()));
        assertThat(Pauses.by(env.hub())).isEqualTo("schedule");
        await().atMost(Duration.ofSeconds(10)).until(() -> Pauses.forwarding(env.hub()));
    }
}
