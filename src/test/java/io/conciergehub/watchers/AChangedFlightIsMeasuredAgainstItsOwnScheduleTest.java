package io.conciergehub.watchers;

import static io.conciergehub.watchers.Flights.notices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A guest told of AZ608's delay (new arrival 13:00) moves to AZ610, scheduled 11:30 and expected
 * at 12:45: 75 minutes late, told as such. The new flight's delay is measured against its own
 * schedule, not against the time the guest was told for the other flight (against which 12:45
 * would be early, and nobody told).
 */
class AChangedFlightIsMeasuredAgainstItsOwnScheduleTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-10T15:00"));
    static final Instant AZ608 = Instant.parse("2027-03-11T09:05:00Z"); // 10:05 in Rome
    static final Instant AZ610 = Instant.parse("2027-03-11T10:30:00Z"); // 11:30 in Rome
    static final String LUCA = "+393331234511";
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flights.answer-cache", "0s").property("flights.far-answer-cache", "0s")
            .property("flights.airports", "FCO"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void theNewFlightsDelayIsTold() throws Exception {
        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", AZ608, AZ608.plus(Duration.ofMinutes(175))));
        aeroapi.answer("AZ610", AeroApiStub.toRome("AZ610", AZ610, AZ610.plus(Duration.ofMinutes(75))));
        Flights.book(env.hub(), "F-11", "Luca Bianchi", LUCA, "it", "2027-03-11", "AZ608");
        Flights.guestWrites(env.hub(), clock, LUCA, "Ciao, arriviamo domani");
        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), LUCA, "AZ608").size() == 1);
        assertThat(notices(env.spoki(), LUCA, "AZ608").get(0)).contains("13:00");

        Flights.book(env.hub(), "F-11", "Luca Bianchi", LUCA, "it", "2027-03-11", "AZ610");

        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), LUCA, "AZ610").size() == 1);
        assertThat(notices(env.spoki(), LUCA, "AZ610").get(0)).contains("12:45", "75 minuti");
    }
}
