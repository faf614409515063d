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
 * camel-mail takes a mail's headers as message headers and obeys moveTo, copyTo and delete among
 * them: a mail carrying them (anyone can write one) still goes where the hub says, and is not deleted.
 */
class AMailsOwnHeadersDoNotDecideWhereItGoesTest {

    static final String PASSWORD = "mailbox-password-4";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> mailbox.hubSettings(hub, PASSWORD, "200ms"));

    @Test
    void mailsThatNameAFolderOrAskToBeDeletedAreFiledAsUsual() throws Exception {
        mailbox.deliver(steering(mailbox.message("<steer-1@bookings.example>", "New reservation STEER1"),
                Mailbox.confirmation("STEER1", "Olga Riva", "+39 333 888 0001", "2026-09-01", "2026-09-02")));
        mailbox.deliver(steering(mailbox.message("<steer-2@guest.example>", "Hello"), "Is breakfast included?"));

        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.folder("Processed").size() == 1
                && mailbox.folder("Quarantine").size() == 1);
        assertThat(mailbox.folder("Processed")).extracting(Mailbox.Mail::messageId)
                .containsExactly("<steer-1@bookings.example>");
        assertThat(mailbox.folder("Quarantine")).extracting(Mailbox.Mail::messageId)
                .containsExactly("<steer-2@guest.example>");
        assertThat(mailbox.folder("Trash")).isEmpty();
        assertThat(mailbox.folder("Elsewhere")).isEmpty();
        assertThat(mailbox.folder("INBOX")).isEmpty();
    }

    private static MimeMessage steering(MimeMessage mail, String text) throws Exception {
        mail.setText(text, "UTF-8");
        mail.setHeader("moveTo", "Trash");
        mail.setHeader("copyTo", "Elsewhere");
        mail.setHeader("delete", "true");
        return mail;
    }
}
