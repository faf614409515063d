package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A mail whose text names a charset Java does not know is read as UTF-8 (what is not becomes a
 * replacement character) and booked or quarantined like any other, and the mails behind it are read
 * as well. Before, camel-mail failed the whole poll on it: that mail and every later one stayed
 * unread in INBOX for ever.
 */
class AMailInACharsetJavaDoesNotKnowIsStillReadTest {

    static final String PASSWORD = "mailbox-password-7";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> mailbox.hubSettings(hub, PASSWORD, "200ms"));

    @Test
    void theBookingInItIsMade() throws Exception {
        MimeMessage mail = mailbox.message("<charset-1@bookings.example>", "New reservation CHARSET1");
        byte[] text = Mailbox.confirmation("CHARSET1", "Olga Riva", "+39 333 888 0003", "2026-09-01", "2026-09-02")
                .getBytes(StandardCharsets.US_ASCII);
        mail.setDataHandler(new DataHandler(new ByteArrayDataSource(text, "text/plain; charset=x-no-such-charset")));
        mailbox.deliver(mail);
        mailbox.deliver("<charset-2@bookings.example>", "New reservation CHARSET2",
                Mailbox.confirmation("CHARSET2", "Pia Riva", "+39 333 888 0004", "2026-09-03", "2026-09-04"));

        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.folder("Processed").size() == 2);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id IN ('CHARSET1', 'CHARSET2')"))
                .isEqualTo(2);
        assertThat(mailbox.folder("INBOX")).isEmpty();
    }
}
