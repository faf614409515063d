package io.conciergehub.watchers;

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
 * The first poll after the night pause (or an outage, a restart, a take-over) finds AZ608 already
 * at the gate, 45 minutes after schedule: the guest is there, so nobody is told of a delay (no
 * notice, no flight_notices row), and the landed flight is not asked about again.
 */
class ADelayFirstSeenAfterTheFlightLandedIsNotToldTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-11T11:30"));
    /** AZ608 at Fiumicino's gate on 11 March, 10:05 in Rome; it was there at 10:50. */
    static final Instant SCHEDULED = Instant.parse("2027-03-11T09:05:00Z");
    static final Instant AT_THE_GATE = SCHEDULED.plus(Duration.ofMinutes(45));
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flights.answer-cache", "0s").property("flights.far-answer-cache", "0s")
            .property("flights.notice-template", "3001"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void aFlightAlreadyLandedLateTellsNobodyAndIsNotAskedAgain() throws Exception {
        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, AT_THE_GATE)
                .replace("\"actual_on\":null", "\"actual_on\":\"" + AT_THE_GATE.minusSeconds(600) + "\"")
                .replace("\"actual_in\":null", "\"actual_in\":\"" + AT_THE_GATE + "\""));
        Flights.book(env.hub(), "F-1", "Luca Bianchi", "+393331234561", "it", "2027-03-11", "AZ608");

        Flights.asked(env.hub(), aeroapi, "AZ608", 1);
        clock.advance(Duration.ofMinutes(15));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> aeroapi.questions("AZ608") == 1
                && env.hub().count("SELECT COUNT(*) FROM flight_notices") == 0
                && env.hub().count("SELECT COUNT(*) FROM outbox") == 0);
    }
}
