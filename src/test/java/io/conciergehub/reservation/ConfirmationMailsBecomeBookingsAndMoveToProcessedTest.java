package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Booking confirmations in the reservations mailbox become guests and bookings with their fields;
 * the mails end in the processed folder, marked read, and INBOX is left empty. Nothing is deleted.
 */
class ConfirmationMailsBecomeBookingsAndMoveToProcessedTest {

    static final String PASSWORD = "mailbox-password-1";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> mailbox.hubSettings(hub, PASSWORD, "200ms"));

    @Test
    void eachConfirmationIsAGuestWithItsBookingAndTheMailIsFiledAsRead() throws Exception {
        mailbox.deliver("<conf-1@bookings.example>", "New reservation ABC123",
                Mailbox.confirmation("ABC123", "Mario Rossi", "+39 333 000 1234", "2026-12-10", "2026-12-12"));
        mailbox.deliverAlternative("<conf-2@bookings.example>", "New reservation XYZ789",
                Mailbox.confirmation("XYZ789", "Anna Schmidt", "+49 151 2345 6789", "2027-01-03", "2027-01-07"),
                "<html><body><p>Booking number: XYZ789</p><p>Guest: Anna Schmidt</p></body></html>");

        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count("SELECT COUNT(*) FROM bookings") == 2);

        JsonNode guests = new ObjectMapper().readTree(env.hub().postApi("/api/mesh/guests/query", TestHub.API_KEY,
                "{\"pageSize\":10}").body()).path("guests");
        assertThat(guests).hasSize(2);
        JsonNode mario = guests.get(0).path("phone").asText().equals("+393330001234") ? guests.get(0) : guests.get(1);
        JsonNode anna = mario == guests.get(0) ? guests.get(1) : guests.get(0);
        assertThat(mario.path("phone").asText()).isEqualTo("+393330001234");
        assertThat(mario.path("name").asText()).isEqualTo("Mario Rossi");
        JsonNode marioBooking = mario.path("bookings").get(0);
        assertThat(marioBooking.path("externalId").asText()).isEqualTo("ABC123");
        assertThat(marioBooking.path("arrival").asText()).isEqualTo("2026-12-10");
        assertThat(marioBooking.path("departure").asText()).isEqualTo("2026-12-12");
        assertThat(marioBooking.path("status").asText()).isEqualTo("confirmed");
        assertThat(anna.path("phone").asText()).isEqualTo("+4915123456789");
        assertThat(anna.path("name").asText()).isEqualTo("Anna Schmidt");
        assertThat(anna.path("bookings").get(0).path("externalId").asText()).isEqualTo("XYZ789");
        assertThat(anna.path("bookings").get(0).path("arrival").asText()).isEqualTo("2027-01-03");
        assertThat(anna.path("bookings").get(0).path("departure").asText()).isEqualTo("2027-01-07");

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.folder("Processed").size() == 2);
        assertThat(mailbox.folder("Processed")).allMatch(Mailbox.Mail::seen)
                .extracting(Mailbox.Mail::messageId)
                .containsExactlyInAnyOrder("<conf-1@bookings.example>", "<conf-2@bookings.example>");
        assertThat(mailbox.folder("INBOX")).isEmpty();
        assertThat(mailbox.folder("Quarantine")).isEmpty();
    }
}
