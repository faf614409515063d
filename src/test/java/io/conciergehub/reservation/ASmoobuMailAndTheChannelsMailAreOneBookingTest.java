package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestClock;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Booking.com's "New booking!" mail and Smoobu's "New booking from Booking.com" mail, whose
 * "Reference" is that Booking.com number, land in the reservations mailbox: whichever comes first,
 * the guest has one booking and gets one welcome.
 */
class ASmoobuMailAndTheChannelsMailAreOneBookingTest {

    static final String PASSWORD = "mailbox-password-smoobu-mail";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = MailboxJourney.hub(mailbox, PASSWORD, TestClock.at(MailboxJourney.START));

    @Test
    void theChannelsMailThenSmoobusIsOneBookingWithOneWelcome() throws Exception {
        String phone = "+447700900123";
        deliverAndWait(SampleMails.message("booking.com/new-booking-en.eml"));
        await().atMost(Duration.ofSeconds(20)).until(() -> env.spoki().sentTo(phone) == 1);

        deliverAndWait(Smoobu.newBookingMail(mailbox, "31415001", "4711002233", "Emma Fictional", "+44 7700 900123",
                "12.12.2026", "15.12.2026"));

        assertOneBookingAndOneWelcome(phone, "4711002233");
    }

    @Test
    void smoobusMailThenTheChannelsIsOneBookingWithOneWelcome() throws Exception {
        String phone = "+393330001122";
        deliverAndWait(Smoobu.newBookingMail(mailbox, "31415002", "4711009876", "Luca Immaginario", "+39 333 000 1122",
                "20.12.2026", "23.12.2026"));
        await().atMost(Duration.ofSeconds(20)).until(() -> env.spoki().sentTo(phone) == 1);

        deliverAndWait(SampleMails.message("booking.com/nuova-prenotazione-it.eml"));

        assertOneBookingAndOneWelcome(phone, "31415002");
    }

    /** The guest (by the API) has one booking, one journey step, one message; for a few journey runs. */
    private static void assertOneBookingAndOneWelcome(String phone, String externalId) throws Exception {
        await("one welcome and one journey step for the guest").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> env.spoki().sentTo(phone) == 1
                && env.hub().count("SELECT COUNT(*) FROM journey_steps j JOIN bookings b ON b.id = j.booking_id"
                        + " WHERE b.guest_id = (SELECT guest_id FROM bookings WHERE external_id = '" + externalId
                        + "')") == 1);
        JsonNode guests = MailboxJourney.guests(env, phone);
        assertThat(guests).hasSize(1);
        assertThat(guests.get(0).path("bookings")).hasSize(1);
        assertThat(guests.get(0).path("bookings").get(0).path("externalId").asText()).isEqualTo(externalId);
    }

    private static void deliverAndWait(MimeMessage mail) throws Exception {
        MailboxJourney.deliverAndWaitUntilProcessed(mailbox, mail);
    }
}
