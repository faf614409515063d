package io.conciergehub.journey;

import static io.conciergehub.journey.Journeys.journeyTexts;
import static io.conciergehub.journey.Journeys.toldOnce;
import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One phone, two rooms for the same dates (a guest who books one for a relative): two bookings of
 * one guest. The guest gets the welcome, the check-in instructions and the check-out message once
 * each, not once per room.
 */
class AGuestWhoBookedTwoRoomsForOneStayGetsEachStepOnceTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String LENA = "+4915123456711";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Journeys.everySecond(hub, clock));

    @Test
    void eachStepGoesOnceForBothRooms() throws Exception {
        Journeys.writesThenBooks(env.hub(), clock, LENA, "Lena Vogel", "ROOM-1 2027-03-05 2027-03-08",
                "ROOM-2 2027-03-05 2027-03-08");
        toldOnce(env.spoki(), LENA, "thank you for booking");

        Journeys.guestWritesBefore(env.hub(), clock, LENA, "2027-03-03T10:00");
        toldOnce(env.spoki(), LENA, "begins on");

        Journeys.guestWritesBefore(env.hub(), clock, LENA, "2027-03-08T08:30");
        toldOnce(env.spoki(), LENA, "departure day");
        assertThat(journeyTexts(env.spoki(), LENA, "Lena Vogel")).hasSize(3);
    }
}
