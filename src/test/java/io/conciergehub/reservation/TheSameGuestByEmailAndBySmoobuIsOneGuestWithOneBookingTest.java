package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.GuestNames;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Booking.com reservation the hub learnt of first from Booking.com (its confirmation e-mail, here
 * through the sync API), then from Smoobu, whose reference-id is Booking.com's number: one guest
 * and one booking. Smoobu fills what was missing (apartment, guests, language) and blanks nothing;
 * its national phone number is read in the hotel's country; later changes and the cancellation
 * from Smoobu reach the same booking.
 */
class TheSameGuestByEmailAndBySmoobuIsOneGuestWithOneBookingTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> Smoobu.configure(hub.scopedKeys()));

    @Test
    void bookingComThenSmoobuIsOneGuestWithOneBooking() throws Exception {
        long guests = env.hub().count("SELECT COUNT(*) FROM guests");
        HttpResponse<String> bookingCom = env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY,
                "{\"bookings\":[{\"source\":\"booking.com\",\"externalId\":\"4711\",\"guestName\":\"Giulia Bianchi\","
                        + "\"email\":\"giulia.bianchi@example.org\",\"phone\":\"+39 347 555 0101\","
                        + "\"arrival\":\"2026-09-10\",\"departure\":\"2026-09-13\"}]}");
        assertThat(bookingCom.statusCode()).as(bookingCom.body()).isEqualTo(200);

        // Smoobu: the same reservation, the phone as the guest typed it (no country code), no e-mail.
        String smoobu = "\"reference-id\":\"4711\",\"type\":\"reservation\",\"arrival\":\"2026-09-10\","
                + "\"departure\":\"2026-09-13\",\"apartment\":{\"id\":505201,\"name\":\"Suite Tramonto\"},"
                + "\"channel\":{\"id\":465614,\"name\":\"Booking.com\"},\"guest-name\":\"G. Bianchi\",\"email\":\"\","
                + "\"phone\":\"347 555 0101\",\"adults\":2,\"children\":0,\"language\":\"it\"";
        HttpResponse<String> created = Smoobu.post(env.hub(), Smoobu.webhook("newReservation", "9001",
                "2026-06-01 10:00:00", smoobu));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).contains("\"result\":\"updated\"");

        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isEqualTo(guests + 1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id IN ('4711', '9001')")).isEqualTo(1);
        assertThat(env.hub().text("SELECT source || '|' || external_id || '|' || arrival || '|' || departure || '|'"
                + " || adults || '|' || children || '|' || apartment || '|' || status FROM bookings"
                + " WHERE external_id = '4711'"))
                .isEqualTo("booking.com|4711|2026-09-10|2026-09-13|2|0|Suite Tramonto|confirmed");
        assertThat(GuestNames.of(env.hub(), "+393475550101")).as("the name the guest gave first stays")
                .isEqualTo("Giulia Bianchi");
        String guest = "(SELECT guest_id FROM bookings WHERE external_id = '4711')";
        assertThat(env.hub().text("SELECT language FROM guests WHERE id = " + guest)).isEqualTo("it");
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE email_hash IS NOT NULL AND id = " + guest))
                .as("the e-mail stays").isEqualTo(1);

        // Later changes from Smoobu reach the same booking.
        Smoobu.post(env.hub(), Smoobu.webhook("updateReservation", "9001", "2026-06-02 10:00:00",
                smoobu.replace("2026-09-13", "2026-09-14")));
        Smoobu.post(env.hub(), Smoobu.webhook("cancelReservation", "9001", "2026-06-03 10:00:00", ""));
        assertThat(env.hub().text("SELECT departure || '|' || status FROM bookings WHERE external_id = '4711'"))
                .isEqualTo("2026-09-14|cancelled");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id IN ('4711', '9001')")).isEqualTo(1);
    }

    @Test
    void aBookingKnownByEMailOnlyThenBySmoobuWithThePhoneIsOneGuestWithOneBooking() throws Exception {
        // A returning guest: known from an earlier stay by phone and e-mail.
        sync("{\"source\":\"airbnb\",\"externalId\":\"HM-OLD-1\",\"email\":\"paul.weber@example.org\","
                + "\"phone\":\"+49 151 2222 3333\",\"guestName\":\"Paul Weber\",\"arrival\":\"2025-05-01\"}");
        long guests = env.hub().count("SELECT COUNT(*) FROM guests");
        // Booking.com's confirmation carries the e-mail only.
        sync("{\"source\":\"booking.com\",\"externalId\":\"4712\",\"email\":\"paul.weber@example.org\","
                + "\"arrival\":\"2026-10-01\",\"departure\":\"2026-10-04\"}");

        HttpResponse<String> smoobu = Smoobu.post(env.hub(), Smoobu.webhook("newReservation", "9002",
                "2026-06-01 10:00:00", "\"reference-id\":\"4712\",\"arrival\":\"2026-10-01\",\"departure\":\"2026-10-04\","
                        + "\"phone\":\"+49 151 2222 3333\",\"adults\":1,\"apartment\":{\"name\":\"Loft\"}"));

        assertThat(smoobu.statusCode()).as(smoobu.body()).isEqualTo(200);
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isEqualTo(guests);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id IN ('4712', '9002')")).isEqualTo(1);
        assertThat(env.hub().text("SELECT source || '|' || adults || '|' || apartment FROM bookings"
                + " WHERE external_id = '4712'")).isEqualTo("booking.com|1|Loft");
        assertThat(env.hub().count("SELECT COUNT(DISTINCT guest_id) FROM bookings WHERE external_id IN ('HM-OLD-1', '4712')"))
                .isEqualTo(1);
    }

    private static void sync(String booking) throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY,
                "{\"bookings\":[" + booking + "]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
