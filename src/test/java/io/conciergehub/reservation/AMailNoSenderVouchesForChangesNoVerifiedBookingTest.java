package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reservation Smoobu's webhook reported (Booking.com's number as its reference), then mails
 * whose sender nobody verifies naming that number: a travel agency's labelled confirmation with
 * another phone and other dates, a labelled cancellation, a "website form". None changes the
 * booking (its guest, dates and status stay, the stranger's phone gets no guest and no message);
 * each is quarantined with its reason. The model's reading (source llm) is refused alike.
 */
class AMailNoSenderVouchesForChangesNoVerifiedBookingTest {

    static final String PASSWORD = "mailbox-password-unverified";
    static final String GUEST = "+393331234567";
    static final String STRANGER = "+393337654321";
    static final String NUMBER = "4711556677";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = MailboxJourney.hub(mailbox, PASSWORD, TestClock.at(MailboxJourney.START));

    @Test
    void mailsNoSenderVouchesForAreQuarantinedAndTheBookingStaysAsSmoobuReportedIt() throws Exception {
        HttpResponse<String> smoobu = Smoobu.post(env.hub(), Smoobu.webhook("newReservation", "5501",
                "2026-11-20 10:00:00", Smoobu.reservation("2026-12-12", "2026-12-15", 2).replace("HMABC123", NUMBER)));
        assertThat(smoobu.statusCode()).as(smoobu.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> env.spoki().sentTo(GUEST) == 1);

        String stranger = Mailbox.confirmation(NUMBER, "Somebody Else", "+39 333 765 4321", "20 Dec 2026", "22 Dec 2026");
        mailbox.deliver("<agency-1@bookings.example>", "Booking confirmation " + NUMBER, stranger);
        mailbox.deliver("<agency-2@bookings.example>", "Booking cancelled " + NUMBER,
                Mailbox.confirmation(NUMBER, "Mario Rossi", "+39 333 1234567", "12 Dec 2026", "15 Dec 2026"));
        mailbox.deliver("<form-1@bookings.example>", "Booking request from the website", stranger);
        HttpResponse<String> llm = env.hub().postApi("/api/mesh/sync/bookings", TestHub.API_KEY,
                "{\"bookings\":[{\"source\":\"llm\",\"externalId\":\"" + NUMBER + "\",\"phone\":\"" + STRANGER
                        + "\",\"status\":\"cancelled\"}]}");
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.folder("INBOX").isEmpty());

        JsonNode guests = MailboxJourney.guests(env, GUEST);
        assertThat(guests).hasSize(1);
        JsonNode guest = guests.get(0);
        assertThat(guest.path("bookings")).hasSize(1);
        JsonNode booking = guest.path("bookings").get(0);
        assertThat(booking.path("source").asText() + "|" + booking.path("externalId").asText() + "|"
                + booking.path("arrival").asText() + "|" + booking.path("departure").asText() + "|"
                + booking.path("status").asText()).isEqualTo("smoobu|5501|2026-12-12|2026-12-15|confirmed");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isEqualTo(1);
        assertThat(MailboxJourney.guests(env, STRANGER)).isEmpty();
        assertThat(llm.body()).contains("not_merged");
        assertThat(mailbox.folder("Quarantine")).hasSize(3);
        assertThat(env.hub().text("SELECT group_concat(reason, '|') FROM quarantined_mails"))
                .contains("the generic reading names a booking smoobu reported")
                .contains("the website reading names a booking smoobu reported");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> env.spoki().sentTo(STRANGER) == 0
                && env.spoki().sentTo(GUEST) == 1);
    }
}
