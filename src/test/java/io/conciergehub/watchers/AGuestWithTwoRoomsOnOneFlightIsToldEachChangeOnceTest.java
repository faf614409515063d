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
 * One phone, two rooms on one flight: Luca was told AZ608 is 45 minutes late, then books a second
 * room on it (for his mother). What he was told holds for the guest, not for one booking: the same
 * delay is not told again for the second room; a delay 35 minutes later than he was told is told
 * once, in one notice, though both rooms' bookings are on the flight (their notices share a
 * subject, and the later replaces the earlier in the guest's batch).
 */
class AGuestWithTwoRoomsOnOneFlightIsToldEachChangeOnceTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-10T15:00"));
    static final Instant SCHEDULED = Instant.parse("2027-03-11T09:05:00Z");
    static final String LUCA = "+393331234531";
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Flights.askedAtEveryPoll(hub, aeroapi, clock));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void eachChangeIsToldOnceForBothRooms() throws Exception {
        Flights.delayed(aeroapi, "AZ608", SCHEDULED, Duration.ofMinutes(45));
        Flights.guestWrites(env.hub(), clock, LUCA, "Ciao, arriviamo domani");
        Flights.book(env.hub(), "ROOM-1", "Luca Bianchi", LUCA, "it", "2027-03-11", "AZ608");
        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), LUCA, "AZ608").size() == 1);

        Flights.book(env.hub(), "ROOM-2", "Luca Bianchi", LUCA, "it", "2027-03-11", "AZ608");
        int asked = aeroapi.questions("AZ608");
        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("AZ608") >= asked + 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(notices(env.spoki(), LUCA, "AZ608")).hasSize(1));

        Flights.delayed(aeroapi, "AZ608", SCHEDULED, Duration.ofMinutes(80));
        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), LUCA, "AZ608").size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(notices(env.spoki(), LUCA, "AZ608")).hasSize(2));
        assertThat(notices(env.spoki(), LUCA, "AZ608").get(1)).containsOnlyOnce("AZ608").contains("11:25");
    }
}
