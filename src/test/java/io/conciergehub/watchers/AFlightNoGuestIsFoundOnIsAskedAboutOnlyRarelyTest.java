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
 * A flight in whose answer no guest's arrival is found (here it lands at Naples, not at the hotel's
 * airport; as well a mistyped number) is paid for once per flights.far-answer-cache, not at every
 * poll: the guest lands in an hour, when a flight of theirs would be asked about at every poll.
 */
class AFlightNoGuestIsFoundOnIsAskedAboutOnlyRarelyTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-02T17:00"));
    /** 18:00 in Rome, an hour away. */
    static final Instant SCHEDULED = Instant.parse("2027-04-02T16:00:00Z");
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flights.airports", "FCO"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void onceThenOnlyAfterTheFarCache() throws Exception {
        aeroapi.answer("AZ1281", AeroApiStub.leg("AZ1281", "AZ1281-1", "LIN", "LIRN", SCHEDULED, SCHEDULED, false, false));
        Flights.book(env.hub(), "N-1", "Ada", "+393331238101", "it", "2027-04-02", "AZ1281");
        asked(1);

        clock.advance(Duration.ofMinutes(16));
        stillAsked(1);
        clock.advance(Duration.ofMinutes(16));
        stillAsked(1);
        clock.advance(Duration.ofHours(6));
        asked(2);
    }

    private static void asked(int times) {
        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("AZ1281") == times);
    }

    private static void stillAsked(int times) {
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> aeroapi.questions("AZ1281") == times);
    }
}
