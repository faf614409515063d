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
 * The welcome looks forward to the guest's arrival day: a booking that reaches the hub without
 * that day gets its welcome once a later sync gives it, never one with a blank date; a stay the
 * hub learns of while the guest is in house gets no welcome naming a day gone by, but the steps
 * still ahead of it.
 */
class AWelcomeNamesAnArrivalDayStillAheadTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-10T09:00"));
    static final String LENA = "+4915123456711";
    static final String ANNA = "+393331234511";
    static final String JONAS = "+4915123456722";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Journeys.everySecond(hub, clock));

    @Test
    void anUnknownArrivalDayIsWaitedForAndOneGoneByGetsNoWelcome() throws Exception {
        // The guests write first, so their messages go as free text.
        Journeys.guestWrites(env.hub(), clock, LENA, "Hallo, eine Frage zum Parkplatz");
        Journeys.guestWrites(env.hub(), clock, ANNA, "Buongiorno, una domanda sul parcheggio");
        Journeys.guestWrites(env.hub(), clock, JONAS, "Hallo, wo ist die Sauna?");
        Journeys.book(env.hub(), "D-1", "Lena Vogel", LENA, "de", "2027-03-11", "2027-03-13");
        Journeys.book(env.hub(), "U-1", "Anna Bianchi", ANNA, "it", null, null);
        Journeys.book(env.hub(), "H-1", "Jonas Weber", JONAS, "de", "2027-03-08", "2027-03-12");

        // The journey ran (Lena, arriving tomorrow, is welcomed) and keeps running: nothing for
        // Anna, whose day is unknown, nor for Jonas, in house since the 8th.
        await().atMost(Duration.ofSeconds(20)).until(() -> journeyTexts(env.spoki(), LENA, "Lena").size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> journeyTexts(env.spoki(), ANNA, "Anna").isEmpty()
                        && journeyTexts(env.spoki(), JONAS, "Jonas").isEmpty());

        // Anna's dates arrive: her welcome goes, naming the day, once.
        Journeys.book(env.hub(), "U-1", "Anna Bianchi", ANNA, "it", "2027-03-16", "2027-03-19");
        await().atMost(Duration.ofSeconds(20)).until(() -> journeyTexts(env.spoki(), ANNA, "Anna").size() == 1);
        assertThat(journeyTexts(env.spoki(), ANNA, "Anna").get(0)).startsWith("Buongiorno Anna Bianchi")
                .contains("16 marzo 2027");

        // Jonas's departure morning: the check-out message, his only one from the journey.
        clock.moveTo(LocalDateTime.parse("2027-03-12T08:10"));
        Journeys.guestWrites(env.hub(), clock, JONAS, "Guten Morgen, wir reisen heute ab");
        clock.moveTo(LocalDateTime.parse("2027-03-12T08:30"));
        await().atMost(Duration.ofSeconds(20)).until(() -> journeyTexts(env.spoki(), JONAS, "Jonas").size() == 1);
        assertThat(journeyTexts(env.spoki(), JONAS, "Jonas").get(0)).startsWith("Guten Morgen Jonas Weber");
        assertThat(journeyTexts(env.spoki(), ANNA, "Anna")).hasSize(1);
    }
}
