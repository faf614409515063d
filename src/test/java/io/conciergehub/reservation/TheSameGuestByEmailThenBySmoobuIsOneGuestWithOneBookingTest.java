package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Booking.com's confirmation mail arrives in the reservations mailbox first; then Smoobu's webhook
 * for the same reservation (its reference-id is Booking.com's number) with fields of its own:
 * one guest, one booking; what Smoobu reports is taken, what it leaves out or sends empty stays.
 * So too when the booking came from the model's reading of a mail no parser knew (source llm):
 * Smoobu's verified report updates it rather than give the guest a second booking.
 */
class TheSameGuestByEmailThenBySmoobuIsOneGuestWithOneBookingTest {

    static final String PASSWORD = "mailbox-password-merge";
    static final String SAMPLE = "booking.com/new-booking-en.eml";
    static final String REFERENCE = "4711002233";
    static final String PHONE = "+447700900123";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> Smoobu.configure(
            mailbox.hubSettings(hub, PASSWORD, "200ms")));

    @Test
    void theMailThenSmoobuIsOneGuestWithOneMergedBooking() throws Exception {
        mailbox.deliver(SampleMails.message(SAMPLE));
        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM bookings WHERE external_id = '" + REFERENCE + "'") == 1);
        long guests = env.hub().count("SELECT COUNT(*) FROM guests");

        HttpResponse<String> answer = Smoobu.post(env.hub(), Smoobu.webhook("newReservation", "88001",
                "2026-11-02 10:20:00", Smoobu.bookingComSampleReservation(REFERENCE)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isEqualTo(guests);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id IN ('" + REFERENCE + "', '88001')"))
                .isEqualTo(1);
        assertThat(env.hub().text("SELECT source || '|' || arrival || '|' || departure || '|' || adults || '|'"
                + " || children || '|' || apartment || '|' || flight_number || '|' || status FROM bookings"
                + " WHERE external_id = '" + REFERENCE + "'"))
                .isEqualTo("booking.com|2026-12-12|2026-12-15|3|1|Suite 12 Sea View|BA2608|confirmed");

        JsonNode found = new ObjectMapper().readTree(env.hub().postApi("/api/mesh/guests/query", TestHub.API_KEY,
                "{\"phone\":\"" + PHONE + "\"}").body()).path("guests");
        assertThat(found).hasSize(1);
        JsonNode guest = found.get(0);
        assertThat(guest.path("name").asText()).isEqualTo("Emma Fictional");
        assertThat(guest.path("email").asText()).isEqualTo("emma.fictional@example.com");
        assertThat(guest.path("language").asText()).isEqualTo("en");
        assertThat(guest.path("bookings")).singleElement()
                .satisfies(booking -> assertThat(booking.path("externalId").asText()).isEqualTo(REFERENCE));
    }

    @Test
    void theModelsReadingThenSmoobuIsOneBooking() throws Exception {
        MailboxJourney.synced(env.hub(), "llm", "HX123456", "+393331234567", "2026-12-12", "2026-12-15");

        HttpResponse<String> answer = Smoobu.post(env.hub(), Smoobu.webhook("newReservation", "88002",
                "2026-11-02 10:20:00", Smoobu.reservation("2026-12-12", "2026-12-15", 2).replace("HMABC123", "HX123456")));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id IN ('HX123456', '88002')"))
                .isEqualTo(1);
    }
}
