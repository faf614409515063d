package io.conciergehub.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A guest who got the check-in instructions for the 5th and then moved the stay to the 12th–15th
 * gets them again two days before the 12th, naming the 12th, and the check-out message on the
 * morning of the 15th only: no second welcome, nothing on the old dates, nothing twice.
 */
class AGuestWhoseStayMovedGetsTheCheckInInstructionsForTheNewDateTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String PHONE = "+393331234571";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            hub -> Journeys.stepTemplates(Journeys.everySecond(hub, clock)));

    @Test
    void theCheckInInstructionsAndTheCheckOutMessageFollowTheNewDates() throws Exception {
        Journeys.book(env.hub(), "M-1", "Mario Rossi", PHONE, "it", "2027-03-05", "2027-03-08");
        await().atMost(Duration.ofSeconds(20)).until(() -> sent().size() == 1);
        clock.moveTo(LocalDateTime.parse("2027-03-03T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sent().size() == 2);

        // The guest moves the stay a week on.
        clock.moveTo(LocalDateTime.parse("2027-03-03T12:00"));
        Journeys.book(env.hub(), "M-1", "Mario Rossi", PHONE, "it", "2027-03-12", "2027-03-15");
        nothingMoreThan(2);
        // The old departure morning: no check-out message.
        clock.moveTo(LocalDateTime.parse("2027-03-08T08:30"));
        nothingMoreThan(2);

        clock.moveTo(LocalDateTime.parse("2027-03-10T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sent().size() == 3);
        clock.moveTo(LocalDateTime.parse("2027-03-10T11:00"));
        nothingMoreThan(3);
        clock.moveTo(LocalDateTime.parse("2027-03-15T08:30"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sent().size() == 4);
        clock.moveTo(LocalDateTime.parse("2027-03-15T09:30"));
        nothingMoreThan(4);

        assertThat(sent()).containsExactly("1000 arrival 5 marzo 2027", "1001 arrival 5 marzo 2027",
                "1001 arrival 12 marzo 2027", "1003 departure 15 marzo 2027");
    }

    /** For a few of the journey's runs, no other message reaches the guest. */
    private static void nothingMoreThan(int messages) {
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> sent().size() == messages);
    }

    private static List<String> sent() {
        return Journeys.stepsWithTheirDates(env.spoki(), PHONE);
    }
}
