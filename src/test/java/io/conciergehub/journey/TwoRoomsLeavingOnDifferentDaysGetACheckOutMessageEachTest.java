package io.conciergehub.journey;

import static io.conciergehub.journey.Journeys.journeyTexts;
import static io.conciergehub.journey.Journeys.toldOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One phone, two rooms arriving together, one leaving two days before the other: each room's
 * departure morning is a real check-out, so the guest gets the check-out message on each (only a
 * second booking that begins the day the first ends makes the stay go on).
 */
class TwoRoomsLeavingOnDifferentDaysGetACheckOutMessageEachTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-07T09:00"));
    static final String SARA = "+393331234541";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Journeys.everySecond(hub, clock)
            .property("journey.welcome.enabled", "false").property("journey.pre-arrival.enabled", "false"));

    @Test
    void eachRoomsDepartureMorningHasItsMessage() throws Exception {
        Journeys.writesThenBooks(env.hub(), clock, SARA, "Sara Neri", "SHORT 2027-03-05 2027-03-08",
                "LONG 2027-03-05 2027-03-10");

        Journeys.guestWritesBefore(env.hub(), clock, SARA, "2027-03-08T08:30");
        toldOnce(env.spoki(), SARA, "departure day");

        Journeys.guestWritesBefore(env.hub(), clock, SARA, "2027-03-10T08:30");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(journeyTexts(env.spoki(), SARA, "departure day")).hasSize(2));
    }
}
