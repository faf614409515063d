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
 * A flight landing more than flights.near (6 h) from now is asked about every flights.far-answer-cache
 * (2 h); once it is near, every flights.answer-cache (10 min); once landed, never again.
 */
class AFarOffFlightIsAskedAboutLessOftenTest {

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
    void farOffEveryTwoHoursNearEveryTenMinutesLandedNever() throws Exception {
        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED));
        Flights.book(env.hub(), "L-1", "Ada", "+393331238001", "it", "2027-04-02", "AZ608");
        asked(1);

        clock.advance(Duration.ofMinutes(11));
        stillAsked(1);
        clock.advance(Duration.ofMinutes(110)); // 2 h after the first question, 10 h before landing
        asked(2);

        clock.advance(Duration.ofHours(5)); // 5 h before landing: near
        asked(3);
        clock.advance(Duration.ofMinutes(11));
        asked(4);

        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED)
                .replace("\"actual_in\":null", "\"actual_in\":\"2027-04-02T15:58:00Z\""));
        clock.advance(Duration.ofMinutes(11));
        asked(5);
        clock.advance(Duration.ofMinutes(11));
        stillAsked(5);
    }

    private static void asked(int times) {
        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("AZ608") == times);
    }

    private static void stillAsked(int times) {
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> aeroapi.questions("AZ608") == times);
    }
}
