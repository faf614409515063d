package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * A mail whose text the IMAP server fails to hand over (Gmail's NO "Some messages could not be
 * FETCHed", which angus-mail's IMAPInputStream passes on as a plain IOException with the server's
 * words and no cause) is not the mail's fault: reservationMails.read fails, so the route leaves the
 * mail unread in INBOX for the next poll, and it is not marked to be quarantined. Before, every
 * failure but a handful of network ones counted as undecodable MIME: the reservation went to the
 * quarantine folder for good, its Message-ID recorded as handled, so moving it back booked nothing.
 */
class AMailTheServerFailsToFetchStaysUnreadAndIsNotQuarantinedTest {

    @Test
    void readingItFailsWithoutMarkingItUndecodable() throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public Object getContent() throws IOException {
                throw new IOException("Some messages could not be FETCHed (Failure)");
            }

            @Override
            public InputStream getInputStream() throws IOException {
                throw new IOException("Some messages could not be FETCHed (Failure)");
            }
        };
        mail.setHeader("Message-ID", "<fetch-refused@bookings.example>");
        mail.setFrom("noreply@bookings.example");
        mail.setSubject("New reservation FETCH1");
        mail.setText("Booking number: FETCH1\n");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.setIn(new MailMessage(exchange, mail, false));
            ReservationMails mails = new ReservationMails(null, null, null, null, null, null);

            assertThatThrownBy(() -> mails.read(exchange))
                    .isInstanceOf(IOException.class).hasMessageContaining("could not be FETCHed");
            assertThat(exchange.getProperty(ReservationMails.UNDECODABLE)).isNull();
        }
    }
}
