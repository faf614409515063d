package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestClock;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three bookings are cancelled, and then something that does not cancel is read about each: a
 * Booking.com booking cancelled by its mail, then its confirmation mail again; a Smoobu reservation
 * cancelled by its webhook, then Smoobu's "New booking" mail for it; a reservation Smoobu cancelled
 * before the hub saw it, then its "New booking" mail. Each stays cancelled and its guest gets no
 * message after the cancellation, when a booking that stays confirmed gets its pre-arrival message.
 */
class ACancelledBookingStaysCancelledWhateverIsReadAfterItTest {

    static final String PASSWORD = "mailbox-password-cancelled-stays";
    static final TestClock clock = TestClock.at(MailboxJourney.START);
    static final String BOOKING_COM = "+447700900123";
    static final String SMOOBU = "+393331234561";
    static final String SMOOBU_UNSEEN = "+393331234562";
    static final String STAYING = "+393331234563";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = MailboxJourney.hub(mailbox, PASSWORD, clock);

    @Test
    void noMessageGoesAfterTheCancellationWhateverIsReadLater() throws Exception {
        deliverAndWait(SampleMails.message("booking.com/new-booking-en.eml"));
        await().atMost(Duration.ofSeconds(20)).until(() -> env.spoki().sentTo(BOOKING_COM) == 1);
        deliverAndWait(SampleMails.message("booking.com/cancelled-booking-en.eml"));
        deliverAndWait(SampleMails.message("booking.com/new-booking-en.eml"));

        assertThat(webhook("newReservation", "6601", "2026-11-20 10:00:00", SMOOBU)).isEqualTo("created");
        await().atMost(Duration.ofSeconds(20)).until(() -> env.spoki().sentTo(SMOOBU) == 1);
        assertThat(webhook("cancelReservation", "6601", "2026-11-21 10:00:00", SMOOBU)).isEqualTo("cancelled");
        deliverAndWait(Smoobu.newBookingMail(mailbox, "6601", "HM6601", "Mario Rossi", SMOOBU, "12.12.2026",
                "15.12.2026"));

        assertThat(webhook("cancelReservation", "6602", "2026-11-21 10:00:00", SMOOBU_UNSEEN)).isEqualTo("cancelled");
        deliverAndWait(Smoobu.newBookingMail(mailbox, "6602", "HM6602", "Anna Rossi", SMOOBU_UNSEEN, "12.12.2026",
                "15.12.2026"));

        assertThat(webhook("newReservation", "6603", "2026-11-20 10:00:00", STAYING)).isEqualTo("created");
        for (String phone : new String[] {BOOKING_COM, SMOOBU, SMOOBU_UNSEEN}) {
            assertThat(MailboxJourney.guests(env, phone).get(0).path("bookings")).as(phone).singleElement()
                    .satisfies(booking -> assertThat(booking.path("status").asText()).isEqualTo("cancelled"));
        }

        // Two days before the arrival: the pre-arrival message goes to the guest whose booking stands only.
        clock.moveTo(LocalDateTime.parse("2026-12-10T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> env.spoki().sentTo(STAYING) == 2);
        await("only the welcomes sent before the cancellations").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6)).until(() -> env.spoki().sentTo(BOOKING_COM) == 1
                        && env.spoki().sentTo(SMOOBU) == 1 && env.spoki().sentTo(SMOOBU_UNSEEN) == 0);
    }

    private static String webhook(String action, String id, String modifiedAt, String phone) throws Exception {
        return Smoobu.result(env.hub(), action, id, modifiedAt, phone, "2026-12-12", "2026-12-15");
    }

    private static void deliverAndWait(MimeMessage mail) throws Exception {
        MailboxJourney.deliverAndWaitUntilProcessed(mailbox, mail);
    }
}
