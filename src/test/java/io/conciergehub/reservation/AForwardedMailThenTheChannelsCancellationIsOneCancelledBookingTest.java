package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestClock;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reception forwards Booking.com's confirmation (no source's parser claims a forward, the generic
 * reader books it under the channel's number), then Booking.com's own cancellation mail for that
 * number arrives: it takes the forwarded booking over and cancels it. The guest has one booking,
 * cancelled, and gets no pre-arrival message, when the guest of another forwarded booking that
 * stands gets theirs.
 */
class AForwardedMailThenTheChannelsCancellationIsOneCancelledBookingTest {

    /** The guest of the forwarded booking Booking.com cancels, and of one that stands. */
    static final String CANCELLED = "+447700900123";
    static final String STAYING = "+393331234563";
    static final String PASSWORD = "mailbox-password-forward-then-cancelled";
    static final TestClock clock = TestClock.at(MailboxJourney.START);

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = MailboxJourney.hub(mailbox, PASSWORD, clock);

    @Test
    void theChannelsCancellationCancelsTheForwardedBooking() throws Exception {
        deliverAndWait(forward("<fwd-1@hotel-miramare.example.com>", "4711002233", "+44 7700 900123"));
        deliverAndWait(forward("<fwd-2@hotel-miramare.example.com>", "4711009999", "+39 333 1234563"));
        await().atMost(Duration.ofSeconds(20)).until(() -> env.spoki().sentTo(CANCELLED) == 1
                && env.spoki().sentTo(STAYING) == 1);

        deliverAndWait(SampleMails.message("booking.com/cancelled-booking-en.eml"));

        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id = '4711002233'")).isEqualTo(1);
        JsonNode booking = MailboxJourney.guests(env, CANCELLED).get(0).path("bookings").get(0);
        assertThat(MailboxJourney.guests(env, CANCELLED).get(0).path("bookings")).hasSize(1);
        assertThat(booking.path("source").asText() + "|" + booking.path("status").asText())
                .isEqualTo("booking.com|cancelled");

        // Two days before the arrival: the pre-arrival message goes to the booking that stands only.
        clock.moveTo(LocalDateTime.parse("2026-12-10T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> env.spoki().sentTo(STAYING) == 2);
        await("no pre-arrival message for the cancelled booking").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6)).until(() -> env.spoki().sentTo(CANCELLED) == 1);
    }

    /** Booking.com's confirmation as reception forwards it: from the hotel, "Fwd:" in the subject. */
    private static MimeMessage forward(String messageId, String number, String phone) throws Exception {
        MimeMessage mail = mailbox.message(messageId, "Fwd: Booking.com - New booking! (" + number + ")");
        mail.setFrom(new InternetAddress("reception@hotel-miramare.example.com"));
        mail.setText("---------- Forwarded message ---------\n"
                + Mailbox.confirmation(number, "Emma Fictional", phone, "12 Dec 2026", "15 Dec 2026"), "UTF-8");
        return mail;
    }

    private static void deliverAndWait(MimeMessage mail) throws Exception {
        MailboxJourney.deliverAndWaitUntilProcessed(mailbox, mail);
    }
}
