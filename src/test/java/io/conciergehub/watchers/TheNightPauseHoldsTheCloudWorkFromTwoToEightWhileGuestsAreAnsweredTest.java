package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At 02:00 hotel time the schedule pauses the cloud-facing work (events wait for the sink), at 08:00
 * it resumes it and what waited is forwarded; a guest who writes at night is answered at once.
 */
class TheNightPauseHoldsTheCloudWorkFromTwoToEightWhileGuestsAreAnsweredTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-05-10T01:58"));
    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Pauses.everySecond(sink.configure(hub.scopedKeys()),
            clock));

    @Test
    void theWorkPausesAtTwoAndResumesAtEight() throws Exception {
        // A guest arrives tomorrow: the hotel is not idle.
        Flights.book(env.hub(), "N-1", "Ada", "+393331240001", "it", "2027-05-11", null);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !Pauses.paused(env.hub()));

        clock.moveTo(LocalDateTime.parse("2027-05-10T02:00:30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Pauses.paused(env.hub()));
        assertThat(Pauses.stats(env.hub()).path("workersPauseReason").asText()).isEqualTo("night");
        assertThat(Pauses.by(env.hub())).isEqualTo("schedule-night");
        assertThat(Pauses.forwarding(env.hub())).isFalse();
        int eventsBefore = sink.requests().size();

        String guest = "+393351240002";
        Webhooks.guestWritesOnSpoki(env.hub(), clock, guest, "A che ora è il check-in?");
        await().atMost(Duration.ofSeconds(15)).until(() -> env.spoki().sentTo(guest) == 1);
        // The new guest's events wait for the paused forwarding, through the night.
        clock.moveTo(LocalDateTime.parse("2027-05-10T07:59"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> sink.requests().size() == eventsBefore && Pauses.paused(env.hub()));

        clock.moveTo(LocalDateTime.parse("2027-05-10T08:00:30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Pauses.paused(env.hub()));
        assertThat(Pauses.by(env.hub())).isEqualTo("schedule");
        assertThat(Pauses.forwarding(env.hub())).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> sink.requests().size() > eventsBefore);
    }
}
