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
 * One phone, two rooms on the same flight and day (a guest who booked one for a relative): two
 * bookings of one guest on AZ608. The flight is asked about once per poll, each booking records
 * the delay it was told of, and the guest gets one notice of it, not one per room.
 */
class AGuestWithTwoRoomsOnOneFlightIsToldItsDelayOnceTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-10T15:00"));
    static final Instant SCHEDULED = Instant.parse("2027-03-11T09:05:00Z");
    static final String LUCA = "+393331234521";
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flights.answer-cache", "0s").property("flights.far-answer-cache", "0s")
            .property("flights.airports", "FCO, LIRA"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void theDelayIsToldOnceForBothRooms() throws Exception {
        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED.plus(Duration.ofMinutes(45))));
        Flights.guestWrites(env.hub(), clock, LUCA, "Ciao, arriviamo domani");
        Flights.book(env.hub(), "ROOM-1", "Luca Bianchi", LUCA, "it", "2027-03-11", "AZ608");
        Flights.book(env.hub(), "ROOM-2", "Luca Bianchi", LUCA, "it", "2027-03-11", "AZ608");

        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count("SELECT COUNT(*) FROM flight_notices") == 2);
        int asked = aeroapi.questions("AZ608");
        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("AZ608") >= asked + 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(notices(env.spoki(), LUCA, "AZ608")).singleElement().asString()
                        .startsWith("Buongiorno Luca Bianchi").containsOnlyOnce("AZ608").contains("10:50", "45 minuti"));
        assertThat(env.hub().count("SELECT COUNT(DISTINCT guest_id) FROM bookings")).isEqualTo(1);
    }
}
