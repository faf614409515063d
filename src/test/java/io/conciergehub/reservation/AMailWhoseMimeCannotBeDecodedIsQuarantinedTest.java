package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A mail whose MIME cannot be decoded (here a base64 text cut short; a multipart without its
 * boundary alike, which GreenMail cannot serve) goes to the quarantine folder with the reason that it is an unreadable mail (nothing of
 * its text), and the mail behind it is booked. Before, reading it failed at every poll: it stayed
 * unread in INBOX for ever, an error with its stack trace logged each time.
 */
class AMailWhoseMimeCannotBeDecodedIsQuarantinedTest {

    static final String PASSWORD = "mailbox-password-undecodable";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> mailbox.hubSettings(hub, PASSWORD, "200ms"));

    @Test
    void itIsQuarantinedAndTheNextMailIsBooked() throws Exception {
        mailbox.deliverAsWritten(headers("<cut-base64@bookings.example>", "text/plain; charset=utf-8")
                .replace("MIME-Version", "Content-Transfer-Encoding: base64\nMIME-Version")
                + "Qm9va2luZyBudW1iZXI6IEJBRDY0CkFycml2YWw6IDIwMjYtMDktMDEK*QX\n");
        mailbox.deliver("<after@bookings.example>", "New reservation AFTER1",
                Mailbox.confirmation("AFTER1", "Pia Riva", "+39 333 888 0005", "2026-09-03", "2026-09-04"));

        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.folder("Quarantine").size() == 1
                && mailbox.folder("Processed").size() == 1);
        assertThat(mailbox.folder("INBOX")).isEmpty();
        assertThat(env.hub().text("SELECT group_concat(message_id || ' ' || reason, '|') FROM quarantined_mails"
                + " ORDER BY message_id"))
                .isEqualTo("<cut-base64@bookings.example> unreadable mail: its content cannot be decoded (MIME)");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id = 'AFTER1'")).isEqualTo(1);
    }

    private static String headers(String messageId, String contentType) {
        return "From: noreply@bookings.example\nTo: " + Mailbox.ADDRESS + "\nSubject: New reservation\nMessage-ID: "
                + messageId + "\nMIME-Version: 1.0\nContent-Type: " + contentType + "\n\n";
    }
}
