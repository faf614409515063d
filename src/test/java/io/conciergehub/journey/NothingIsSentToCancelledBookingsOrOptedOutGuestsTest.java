package io.conciergehub.journey;

import static io.conciergehub.journey.Journeys.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A booking cancelled before a step is due gets no more steps (a cancellation after the welcome
 * stops the pre-arrival and check-out messages), and a guest who opted out gets none.
 */
class NothingIsSentToCancelledBookingsOrOptedOutGuestsTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String CANCELLED_EARLY = "+393331234521";
    static final String CANCELLED_LATER = "+393331234522";
    static final String OPTED_OUT = "+393331234523";
    static final String STAYING = "+393331234524";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Journeys.everySecond(hub, clock)
            .property("journey.welcome.offset", "1h")
            .property("journey.welcome.template", "1000")
            .property("journey.pre-arrival.template", "1001")
            .property("journey.check-out.template", "1003"));

    @Test
    void cancelledBookingsAndOptedOutGuestsGetNothingMore() throws Exception {
        for (String[] guest : new String[][] {{"C-1", CANCELLED_EARLY}, {"C-2", CANCELLED_LATER}, {"C-3", OPTED_OUT},
                {"C-4", STAYING}}) {
            Journeys.book(env.hub(), guest[0], "Guest " + guest[0], guest[1], "it", "2027-03-05", "2027-03-07");
        }
        Journeys.cancel(env.hub(), "C-1");
        Journeys.guestWrites(env.hub(), clock, OPTED_OUT, "STOP");
        await().atMost(Duration.ofSeconds(20)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM guests WHERE opted_out = 1") == 1);

        // The welcome, an hour after the booking: the two guests still booked and listening.
        clock.moveTo(LocalDateTime.parse("2027-03-01T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> templates(env.spoki(), STAYING).size() == 1
                && templates(env.spoki(), CANCELLED_LATER).size() == 1);

        // Cancelled after its welcome: no check-in instructions, no check-out message.
        Journeys.cancel(env.hub(), "C-2");
        clock.moveTo(LocalDateTime.parse("2027-03-03T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> templates(env.spoki(), STAYING).size() == 2);
        clock.moveTo(LocalDateTime.parse("2027-03-07T08:30"));
        await().atMost(Duration.ofSeconds(20)).until(() -> templates(env.spoki(), STAYING).size() == 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> templates(env.spoki(), CANCELLED_LATER).size() == 1);

        assertThat(templates(env.spoki(), CANCELLED_EARLY)).isEmpty();
        assertThat(templates(env.spoki(), OPTED_OUT)).isEmpty();
        assertThat(env.spoki().textsTo(OPTED_OUT)).noneMatch(text -> text.contains("Guest C-3"));
        assertThat(env.hub().count("SELECT COUNT(*) FROM journey_steps j JOIN bookings b ON b.id = j.booking_id"
                + " WHERE b.external_id IN ('C-1', 'C-3')")).isZero();
    }
}
