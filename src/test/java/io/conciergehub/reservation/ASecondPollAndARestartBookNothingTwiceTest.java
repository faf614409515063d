package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mail is booked once by its Message-ID: the same mail read again (put back unread), a
 * forwarded copy with the same Message-ID (even one saying something else), and the same mail
 * after a restart of the hub are filed as processed and change nothing.
 */
class ASecondPollAndARestartBookNothingTwiceTest {

    static final String PASSWORD = "mailbox-password-2";
    static final String ID = "<conf-9@bookings.example>";
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @BeforeAll
    static void startMailbox() {
        mailbox.start();
    }

    @AfterAll
    static void stopMailbox() {
        mailbox.stop();
    }

    @Test
    void theSameMessageIdIsBookedOnceAcrossPollsCopiesAndRestarts() throws Exception {
        Path dataDir = Files.createTempDirectory("hub-mail-restart-");
        mailbox.deliver(ID, "New reservation DUP001",
                Mailbox.confirmation("DUP001", "Mario Verdi", "+39 333 555 0101", "2026-12-10", "2026-12-12"));
        try (TestHub hub = hub(dataDir)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.folder("Processed").size() == 1);
            assertThat(hub.count("SELECT COUNT(*) FROM bookings")).isEqualTo(1);

            // A second poll of the same mail: a mail client put it back in INBOX, unread.
            mailbox.moveBackToInbox("Processed");
            assertThat(mailbox.folder("INBOX")).hasSize(1);
            // A forwarded copy keeping the Message-ID, with other dates: not read as an update.
            mailbox.deliver(ID, "Fwd: New reservation DUP001",
                    "---------- Forwarded message ----------\n"
                            + Mailbox.confirmation("DUP001", "Mario Verdi", "+39 333 555 0101", "2026-12-10", "2026-12-20"));
            await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.folder("INBOX").isEmpty()
                    && mailbox.folder("Processed").size() == 2);
            assertDuplicatesCounted(hub, 2);
        }

        // The same mail once more, read by the hub started again on its data.
        mailbox.moveBackToInbox("Processed");
        try (TestHub hub = hub(dataDir)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.folder("INBOX").isEmpty()
                    && mailbox.folder("Processed").size() == 2);
            assertDuplicatesCounted(hub, 2);
            assertThat(hub.count("SELECT COUNT(*) FROM bookings")).isEqualTo(1);
            assertThat(hub.count("SELECT COUNT(*) FROM guests")).isEqualTo(1);
            assertThat(hub.text("SELECT departure FROM bookings")).isEqualTo("2026-12-12");
            assertThat(mailbox.folder("Processed")).allMatch(Mailbox.Mail::seen);
            assertThat(mailbox.folder("Quarantine")).isEmpty();
        }
    }

    private static void assertDuplicatesCounted(TestHub hub, int expected) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(hub.get("/metrics", "X-API-Key",
                TestHub.API_KEY).body()).contains("concierge_reservation_mails_total{outcome=\"duplicate\"} "
                        + expected + ".0"));
    }

    private static TestHub hub(Path dataDir) throws Exception {
        return mailbox.hubSettings(TestHub.builder(), PASSWORD, "200ms").dataDir(dataDir).start();
    }
}
