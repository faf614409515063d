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
 * One phone, two rooms for the same stay: the guest is welcomed once. When the room whose welcome
 * went is cancelled (the relative does not come), the guest has had the welcome: the other room
 * sends no second one. Its check-in instructions, which no room had sent yet, go once.
 */
class ACancelledRoomWhoseWelcomeWentStillStandsInForTheOtherTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String PHONE = "+393331234573";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            hub -> Journeys.stepTemplates(Journeys.everySecond(hub, clock)));

    @Test
    void noSecondWelcomeAfterTheCancellation() throws Exception {
        Journeys.book(env.hub(), "C-1", "Mario Rossi", PHONE, "it", "2027-03-05", "2027-03-08");
        Journeys.book(env.hub(), "C-2", "Mario Rossi", PHONE, "it", "2027-03-05", "2027-03-08");
        await().atMost(Duration.ofSeconds(20)).until(() -> sent().size() == 1);

        Journeys.cancel(env.hub(), "C-1");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> sent().size() == 1);

        clock.moveTo(LocalDateTime.parse("2027-03-03T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sent().size() >= 2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> sent().size() == 2);
        assertThat(sent()).containsExactly("1000 arrival 5 marzo 2027", "1001 arrival 5 marzo 2027");
    }

    private static List<String> sent() {
        return Journeys.stepsWithTheirDates(env.spoki(), PHONE);
    }
}
