package io.conciergehub.journey;

import static io.conciergehub.journey.Journeys.journeyTexts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A booking whose channel sent no guest name: the journey's greeting reads naturally without one
 * ("Hello, thank you for booking"), never "Hello , thank you".
 */
class AGuestWhoseNameIsNotKnownIsGreetedWithoutOneTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String EMMA = "+447700900123";
    static final String GIULIA = "+393331234588";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Journeys.everySecond(hub, clock));

    @Test
    void theWelcomeGreetsTheGuestWithoutAName() throws Exception {
        Journeys.guestWrites(env.hub(), clock, EMMA, "Hello, is there parking?");
        Journeys.guestWrites(env.hub(), clock, GIULIA, "Buongiorno, c'è il parcheggio?");
        Journeys.book(env.hub(), "E-1", null, EMMA, "en", "2027-03-05", "2027-03-08");
        Journeys.book(env.hub(), "G-1", null, GIULIA, "it", "2027-03-05", "2027-03-08");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> journeyTexts(env.spoki(), EMMA, "thank you for booking").size() == 1
                        && journeyTexts(env.spoki(), GIULIA, "grazie per aver prenotato").size() == 1);
        assertThat(journeyTexts(env.spoki(), EMMA, "thank you for booking").get(0))
                .startsWith("Hello, thank you for booking with ");
        assertThat(journeyTexts(env.spoki(), GIULIA, "grazie per aver prenotato").get(0))
                .startsWith("Buongiorno, grazie per aver prenotato presso ");
    }
}
