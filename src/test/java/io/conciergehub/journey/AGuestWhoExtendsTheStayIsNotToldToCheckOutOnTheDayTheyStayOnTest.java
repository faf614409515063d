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
 * One phone, a stay extended by a second booking that starts on the first one's departure day: the
 * guest, in the house, is not told "today is your departure day" that morning, nor welcomed to or
 * told how to check in for the second booking; the check-out message comes on the day they really
 * leave.
 */
class AGuestWhoExtendsTheStayIsNotToldToCheckOutOnTheDayTheyStayOnTest {

    static final String MARIO = "+393331234511";
    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-07T11:00"));

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Journeys.everySecond(hub, clock));

    @Test
    void theCheckOutMessageComesOnTheDayTheGuestLeaves() throws Exception {
        // In the house since the 5th, Mario books two more nights.
        Journeys.writesThenBooks(env.hub(), clock, MARIO, "Mario Rossi", "STAY-1 2027-03-05 2027-03-08",
                "STAY-2 2027-03-08 2027-03-10");

        Journeys.guestWritesBefore(env.hub(), clock, MARIO, "2027-03-08T08:30");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(journeyTexts(env.spoki(), MARIO, "Mario Rossi")).isEmpty());

        Journeys.guestWritesBefore(env.hub(), clock, MARIO, "2027-03-10T08:30");
        toldOnce(env.spoki(), MARIO, "departure day");
    }
}
