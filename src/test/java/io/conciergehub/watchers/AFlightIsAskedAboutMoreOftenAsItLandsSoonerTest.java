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
 * An answer about a flight is reused for a quarter of the time until it lands (at most
 * flights.far-answer-cache, at least flights.answer-cache): twelve hours away it is asked about
 * again after three hours, nine hours away after about two and a quarter, in its last half hour at
 * every poll; once landed, never again.
 */
class AFlightIsAskedAboutMoreOftenAsItLandsSoonerTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-02T06:00"));
    /** 18:00 in Rome: twelve hours away at the start. */
    static final Instant SCHEDULED = Instant.parse("2027-04-02T16:00:00Z");
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock)));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void aQuarterOfTheWaitThenEveryPollThenNever() throws Exception {
        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED));
        Flights.book(env.hub(), "L-1", "Ada", "+393331238001", "it", "2027-04-02", "AZ608");
        asked(1);

        clock.advance(Duration.ofMinutes(175));
        stillAsked(1);
        clock.advance(Duration.ofMinutes(6)); // 3 h after the first question, 9 h before landing
        asked(2);
        clock.advance(Duration.ofMinutes(130));
        stillAsked(2);
        clock.advance(Duration.ofMinutes(6)); // 2 h 16 min later
        asked(3);

        clock.moveTo(LocalDateTime.parse("2027-04-02T17:30")); // half an hour before landing
        asked(4);
        clock.advance(Duration.ofMinutes(11));
        asked(5);

        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED)
                .replace("\"actual_in\":null", "\"actual_in\":\"2027-04-02T15:58:00Z\""));
        clock.advance(Duration.ofMinutes(11));
        asked(6);
        clock.advance(Duration.ofMinutes(11));
        stillAsked(6);
    }

    private static void asked(int times) {
        Flights.asked(env.hub(), aeroapi, "AZ608", times);
    }

    private static void stillAsked(int times) {
        Flights.stillAsked(aeroapi, "AZ608", times);
    }
}
