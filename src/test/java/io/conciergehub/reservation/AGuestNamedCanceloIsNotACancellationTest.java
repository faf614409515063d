package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A confirmation's subject carries the guest's name, and a name may begin like a cancellation word
 * (Cancelo, Cancellieri, Storni, Storniolo): such a mail is a new booking, stored confirmed so that
 * the guest gets the journey. Only whole cancellation words cancel (CancellationMailsCancelTheBookingTest).
 */
class AGuestNamedCanceloIsNotACancellationTest {

    static final String PASSWORD = "mailbox-password-cancelo";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> mailbox.hubSettings(hub, PASSWORD, "200ms"));

    @Test
    void confirmationsForGuestsWhoseNamesLookLikeCancellationsAreStoredConfirmed() throws Exception {
        mailbox.deliver(sample("expedia/reservation-en.eml", "Expedia Reservation: 1934877621 - Maria Cancelo"));
        mailbox.deliver(sample("airbnb/reservation-confirmee-fr.eml", "Réservation confirmée - Luca Cancellieri arrive"));
        mailbox.deliver("<storni@agency.example>", "Booking confirmation ST-5101 - Giulia Storni",
                Mailbox.confirmation("ST-5101", "Giulia Storni", "+39 333 510 1010", "2026-12-12", "2026-12-14"));
        mailbox.deliver("<storniolo@agency.example>", "Conferma prenotazione ST-5102 Storniolo Marco",
                Mailbox.confirmation("ST-5102", "Marco Storniolo", "+39 333 510 2020", "2026-12-12", "2026-12-15"));

        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.folder("Processed").size() == 4);

        assertThat(status("expedia", "1934877621")).isEqualTo("confirmed");
        assertThat(status("airbnb", "HMFR7730QX")).isEqualTo("confirmed");
        assertThat(status("generic", "ST-5101")).isEqualTo("confirmed");
        assertThat(status("generic", "ST-5102")).isEqualTo("confirmed");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE status = 'cancelled'")).isZero();
        assertThat(mailbox.folder("Quarantine")).isEmpty();
        assertThat(mailbox.folder("INBOX")).isEmpty();
    }

    /** A sample mail of a source with the subject its sender writes for this guest. */
    private static MimeMessage sample(String name, String subject) throws Exception {
        MimeMessage mail = SampleMails.message(name);
        mail.setSubject(subject, "UTF-8");
        return mail;
    }

    private static String status(String source, String reference) throws Exception {
        return env.hub().text("SELECT status FROM bookings WHERE source = '" + source + "' AND external_id = '"
                + reference + "'");
    }
}
