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
 * The welcome tells the guest the day they are expected: a booking that reaches the hub without
 * its arrival day gets no welcome with a blank date, but its welcome once the day is known.
 */
class AWelcomeWaitsUntilTheArrivalDayIsKnownTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String ANNA = "+393331234511";
    static final String LENA = "+4915123456711";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Journeys.everySecond(hub, clock));

    @Test
    void aBookingWithoutItsArrivalDayIsWelcomedWhenTheDayArrives() throws Exception {
        // Both guests write first, so their welcomes go as free text.
        Journeys.guestWrites(env.hub(), clock, ANNA, "Buongiorno, una domanda sul parcheggio");
        Journeys.guestWrites(env.hub(), clock, LENA, "Hallo, eine Frage zum Parkplatz");
        Journeys.bookUndated(env.hub(), "U-1", "Anna Bianchi", ANNA, "it");
        Journeys.book(env.hub(), "D-1", "Lena Vogel", LENA, "de", "2027-03-05", "2027-03-08");

        // The journey ran (Lena is welcomed) and keeps running: nothing for Anna meanwhile.
        await().atMost(Duration.ofSeconds(20)).until(() -> journeyTexts(env.spoki(), LENA, "Lena").size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> journeyTexts(env.spoki(), ANNA, "Anna").isEmpty());
        assertThat(env.hub().count("SELECT COUNT(*) FROM journey_steps j JOIN bookings b ON b.id = j.booking_id"
                + " WHERE b.external_id = 'U-1'")).isZero();

        // The channel sends the dates: the welcome goes, naming the day, once.
        Journeys.book(env.hub(), "U-1", "Anna Bianchi", ANNA, "it", "2027-03-06", "2027-03-09");
        await().atMost(Duration.ofSeconds(20)).until(() -> journeyTexts(env.spoki(), ANNA, "Anna").size() == 1);
        assertThat(journeyTexts(env.spoki(), ANNA, "Anna").get(0)).startsWith("Gentile Anna Bianchi")
                .contains("6 marzo 2027");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> journeyTexts(env.spoki(), ANNA, "Anna").size() == 1);
    }
}
