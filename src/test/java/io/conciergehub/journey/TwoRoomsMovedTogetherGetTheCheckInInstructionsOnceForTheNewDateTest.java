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
 * One phone, two rooms arriving a day apart (the 4th and the 5th), each told its check-in
 * instructions; then the guest moves both rooms to the 12th. Each room's instructions were recorded
 * for a day that is neither room's any more: the guest gets them once, naming the 12th, not once per
 * room, and not never (each room standing in for the other with a message for an old day).
 */
class TwoRoomsMovedTogetherGetTheCheckInInstructionsOnceForTheNewDateTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String PHONE = "+393331234572";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            hub -> Journeys.stepTemplates(Journeys.everySecond(hub, clock)));

    @Test
    void theInstructionsGoOnceForTheNewDate() throws Exception {
        Journeys.book(env.hub(), "R-1", "Mario Rossi", PHONE, "it", "2027-03-05", "2027-03-08");
        Journeys.book(env.hub(), "R-2", "Mario Rossi", PHONE, "it", "2027-03-04", "2027-03-08");
        clock.moveTo(LocalDateTime.parse("2027-03-02T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> instructions().size() == 1);
        clock.moveTo(LocalDateTime.parse("2027-03-03T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> instructions().size() == 2);

        clock.moveTo(LocalDateTime.parse("2027-03-03T12:00"));
        Journeys.book(env.hub(), "R-1", "Mario Rossi", PHONE, "it", "2027-03-12", "2027-03-15");
        Journeys.book(env.hub(), "R-2", "Mario Rossi", PHONE, "it", "2027-03-12", "2027-03-15");
        clock.moveTo(LocalDateTime.parse("2027-03-10T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> instructions().size() >= 3);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> instructions().size() == 3);

        assertThat(instructions()).containsExactly("1001 arrival 4 marzo 2027", "1001 arrival 5 marzo 2027",
                "1001 arrival 12 marzo 2027");
    }

    /** The check-in instructions the guest got, in order, each with the arrival it names. */
    private static List<String> instructions() {
        return Journeys.stepsWithTheirDates(env.spoki(), PHONE).stream().filter(step -> step.startsWith("1001 "))
                .toList();
    }
}
