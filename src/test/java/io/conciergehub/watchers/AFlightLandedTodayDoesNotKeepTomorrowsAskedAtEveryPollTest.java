package io.conciergehub.watchers;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two guests on flight number AZ608: Ada's leg landed this afternoon, Bruno's lands tomorrow. The
 * answer is reused for a quarter of the time until Bruno's leg lands (21 hours: 5 h 15 min): Ada's
 * landed leg, its arrival past, does not make the flight "landing now", asked about at every poll
 * until midnight.
 */
class AFlightLandedTodayDoesNotKeepTomorrowsAskedAtEveryPollTest {

    /** 19:00 in Rome, three hours after Ada's leg landed. */
    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-02T19:00"));
    static final Instant ADAS = Instant.parse("2027-04-02T14:00:00Z");
    static final Instant BRUNOS = Instant.parse("2027-04-03T14:00:00Z");
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock)));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void theLegStillToLandSetsHowOftenItIsAsked() throws Exception {
        aeroapi.answer("AZ608",
                AeroApiStub.leg("AZ608", "AZ608-1775000000-schedule-0001", "FCO", "LIRF", ADAS, ADAS, false, false)
                        .replace("\"actual_in\":null", "\"actual_in\":\"" + ADAS.minusSeconds(120) + "\""),
                AeroApiStub.leg("AZ608", "AZ608-1775100000-schedule-0001", "FCO", "LIRF", BRUNOS, BRUNOS, false, false));
        Flights.book(env.hub(), "T-1", "Ada", "+393331340001", "it", "2027-04-02", "AZ608");
        Flights.book(env.hub(), "T-2", "Bruno", "+393331340002", "it", "2027-04-03", "AZ608");
        asked(1);

        for (int poll = 0; poll < 4; poll++) {
            clock.advance(Duration.ofMinutes(15));
            stillAsked(1);
        }
        clock.moveTo(LocalDateTime.parse("2027-04-03T00:10"));
        stillAsked(1);
        clock.moveTo(LocalDateTime.parse("2027-04-03T00:16")); // 5 h 16 min after the first question
        asked(2);
    }

    private static void asked(int times) {
        Flights.asked(env.hub(), aeroapi, "AZ608", times);
    }

    private static void stillAsked(int times) {
        Flights.stillAsked(aeroapi, "AZ608", times);
    }
}
