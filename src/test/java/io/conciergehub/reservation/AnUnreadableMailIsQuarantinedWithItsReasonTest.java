package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A mail no parser reads goes to the quarantine folder (marked read, not deleted); its Message-ID
 * and the reason are stored and counted; the mails around it are booked as usual. Without
 * llm.base-url (as here) no model is asked first.
 */
class AnUnreadableMailIsQuarantinedWithItsReasonTest {

    static final String PASSWORD = "mailbox-password-3";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> mailbox.hubSettings(hub, PASSWORD, "200ms"));

    @Test
    void theUnreadableMailIsSetAsideWithItsReasonAndCounted() throws Exception {
        mailbox.deliver("<question-1@guest.example>", "Parking?",
                "Hello, do you have a parking space for a small car? Thanks, Luisa");
        mailbox.deliver("<conf-3@bookings.example>", "New reservation QRS456",
                Mailbox.confirmation("QRS456", "Luisa Bianchi", "+39 347 111 2233", "2026-11-20", "2026-11-23"));

        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.folder("Quarantine").size() == 1
                && mailbox.folder("Processed").size() == 1);
        assertThat(mailbox.folder("Quarantine")).singleElement().satisfies(mail -> {
            assertThat(mail.messageId()).isEqualTo("<question-1@guest.example>");
            assertThat(mail.seen()).isTrue();
        });
        assertThat(mailbox.folder("Processed")).extracting(Mailbox.Mail::messageId)
                .containsExactly("<conf-3@bookings.example>");
        assertThat(mailbox.folder("INBOX")).isEmpty();

        assertThat(env.hub().count("SELECT COUNT(*) FROM quarantined_mails")).isEqualTo(1);
        assertThat(env.hub().text("SELECT message_id FROM quarantined_mails")).isEqualTo("<question-1@guest.example>");
        assertThat(env.hub().text("SELECT reason FROM quarantined_mails")).startsWith("no parser recognises this mail");
        assertThat(env.hub().count("SELECT COUNT(*) FROM quarantined_mails WHERE quarantined_at > 0")).isEqualTo(1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id = 'QRS456'")).isEqualTo(1);

        String metrics = env.hub().get("/metrics", "X-API-Key", TestHub.API_KEY).body();
        assertThat(metrics).contains("concierge_reservation_mails_total{outcome=\"quarantined\"} 1.0")
                .contains("concierge_reservation_mails_total{outcome=\"booked\"} 1.0");
    }
}
