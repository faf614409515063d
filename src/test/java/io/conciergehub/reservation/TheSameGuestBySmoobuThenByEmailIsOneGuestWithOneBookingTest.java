package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Smoobu's webhook arrives first, its reference-id Booking.com's number; then Booking.com's own
 * confirmation mail for that number, and later its cancellation mail: one guest and one booking,
 * which the mails update and cancel.
 */
class TheSameGuestBySmoobuThenByEmailIsOneGuestWithOneBookingTest {

    static final String PASSWORD = "mailbox-password-reverse-merge";
    static final String REFERENCE = "4711002233";
    static final String SMOOBU_ID = "88002";
    static final String BOTH = "external_id IN ('" + REFERENCE + "', '" + SMOOBU_ID + "')";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> Smoobu.configure(
            mailbox.hubSettings(hub, PASSWORD, "200ms")));

    @Test
    void smoobuThenTheMailsAreOneGuestWithOneBooking() throws Exception {
        long guests = env.hub().count("SELECT COUNT(*) FROM guests");
        HttpResponse<String> answer = Smoobu.post(env.hub(), Smoobu.webhook("newReservation", SMOOBU_ID,
                "2026-11-02 10:20:00", Smoobu.bookingComSampleReservation(REFERENCE)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE " + BOTH)).isEqualTo(1);

        mailbox.deliver(SampleMails.message("booking.com/new-booking-en.eml"));
        // The mail's flight number reaches the booking Smoobu created: the mail was merged into it.
        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM bookings WHERE flight_number = 'BA2608' AND " + BOTH) == 1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE " + BOTH)).isEqualTo(1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isEqualTo(guests + 1);
        assertThat(env.hub().text("SELECT source || '|' || arrival || '|' || departure || '|' || children || '|'"
                + " || status FROM bookings WHERE " + BOTH)).isEqualTo("smoobu|2026-12-12|2026-12-15|1|confirmed");

        mailbox.deliver(SampleMails.message("booking.com/cancelled-booking-en.eml"));
        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM bookings WHERE status = 'cancelled' AND " + BOTH) == 1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE " + BOTH)).isEqualTo(1);
    }
}
