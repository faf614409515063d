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
 * The welcome looks forward to the arrival: a booking that reaches the hub after its arrival day
 * (a stay the hub learns of while the guest is in house) gets no welcome naming a day gone by,
 * but the steps still ahead of it.
 */
class AGuestAlreadyInHouseGetsNoWelcomeTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-10T09:00"));
    static final String JONAS = "+4915123456722";
    static final String LENA = "+4915123456733";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Journeys.everySecond(hub, clock));

    @Test
    void aStayThatBeganBeforeTheHubKnewOfItGetsItsCheckOutMessageOnly() throws Exception {
        Journeys.guestWrites(env.hub(), clock, JONAS, "Hallo, wo ist die Sauna?");
        Journeys.guestWrites(env.hub(), clock, LENA, "Hallo, eine Frage zum Parkplatz");
        Journeys.book(env.hub(), "H-1", "Jonas Weber", JONAS, "de", "2027-03-08", "2027-03-12");
        Journeys.book(env.hub(), "D-1", "Lena Vogel", LENA, "de", "2027-03-11", "2027-03-13");

        // The journey ran (Lena, arriving tomorrow, is welcomed) and keeps running: nothing for Jonas.
        await().atMost(Duration.ofSeconds(20)).until(() -> journeyTexts(env.spoki(), LENA, "Lena").size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> journeyTexts(env.spoki(), JONAS, "Jonas").isEmpty());

        // His departure morning: the check-out message.
        clock.moveTo(LocalDateTime.parse("2027-03-12T08:10"));
        Journeys.guestWrites(env.hub(), clock, JONAS, "Guten Morgen, wir reisen heute ab");
        clock.moveTo(LocalDateTime.parse("2027-03-12T08:30"));
        await().atMost(Duration.ofSeconds(20)).until(() -> journeyTexts(env.spoki(), JONAS, "Jonas").size() == 1);
        assertThat(journeyTexts(env.spoki(), JONAS, "Jonas").get(0)).startsWith("Guten Morgen Jonas Weber")
                .doesNotContain("8. März 2027");
    }
}
