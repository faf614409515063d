package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubRouteTest;
import io.conciergehub.support.Mailbox;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The reservations-mail route's steps, its mailbox replaced by {@code direct:mailbox}: a readable
 * mail is stored and filed under the processed folder (the header camel-mail moves it by), an
 * unreadable one is recorded and filed under the quarantine folder, the same Message-ID again
 * changes nothing.
 */
@CamelMainTest(properties = {"imap.url=imap://127.0.0.1:9", "imap.processed-folder=Done",
        "imap.quarantine-folder=Unreadable"},
        advices = @AdviceRouteMapping(route = "reservations-mail",
                advice = AMailIsBookedOnceOrQuarantinedRouteTest.TheMailboxIsADirectEndpoint.class))
class AMailIsBookedOnceOrQuarantinedRouteTest extends HubRouteTest {

    @Produce("direct:mailbox")
    ProducerTemplate mailbox;

    public static final class TheMailboxIsADirectEndpoint extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            replaceFromWith("direct:mailbox");
        }
    }

    @Test
    void aReadableMailIsStoredAndFiledAsProcessedOnce() throws Exception {
        MimeMessage mail = mail("<route-1@bookings.example>", Mailbox.confirmation("RT-001", "Gina Sole",
                "+39 333 777 0001", "2026-10-01", "2026-10-04"));

        assertThat(send(mail).getMessage().getHeader("moveTo")).isEqualTo("Done");
        assertThat(hub.count("SELECT COUNT(*) FROM bookings WHERE external_id = 'RT-001' AND arrival = '2026-10-01'"
                + " AND departure = '2026-10-04'")).isEqualTo(1);
        long updatedAt = hub.count("SELECT updated_at FROM bookings WHERE external_id = 'RT-001'");

        MimeMessage copy = mail("<route-1@bookings.example>", Mailbox.confirmation("RT-001", "Gina Sole",
                "+39 333 777 0001", "2026-10-01", "2026-10-09"));
        assertThat(send(copy).getMessage().getHeader("moveTo")).isEqualTo("Done");
        assertThat(hub.count("SELECT updated_at FROM bookings WHERE external_id = 'RT-001' AND departure = '2026-10-04'"))
                .isEqualTo(updatedAt);
    }

    @Test
    void anUnreadableMailIsRecordedAndFiledAsQuarantined() throws Exception {
        Exchange done = send(mail("<route-2@guest.example>", "Do you take dogs?"));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader("moveTo")).isEqualTo("Unreadable");
        assertThat(hub.count("SELECT COUNT(*) FROM quarantined_mails WHERE message_id = '<route-2@guest.example>'"))
                .isEqualTo(1);
    }

    private Exchange send(MimeMessage mail) {
        return mailbox.send(exchange -> exchange.setIn(new MailMessage(exchange, mail, true)));
    }

    private static MimeMessage mail(String messageId, String text) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(new InternetAddress("noreply@bookings.example"));
        mail.setSubject("Reservation");
        mail.setText(text, "UTF-8");
        mail.saveChanges();
        return mail;
    }
}
