package io.conciergehub.reservation;

import static org.awaitility.Awaitility.await;

import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Not a test (surefire does not pick up *Harness): the time from a mail landing in the mailbox to
 * its booking in the hub, with imap.poll-delay=5s. Mails land at random moments of the poll
 * cycle; the booking's created_at (the hub's clock) ends each measure. Prints, asserts nothing.
 * Run: mvn -o -q test -Dtest=MailToBookingLatencyHarness -Dsurefire.failIfNoSpecifiedTests=false
 */
class MailToBookingLatencyHarness {

    static final int MAILS = 12;

    @Test
    void printTheLatencyFromMailboxToBooking() throws Exception {
        try (Mailbox mailbox = new Mailbox("latency-password").start();
             TestHub hub = mailbox.hubSettings(TestHub.builder(), "latency-password", "5s").start()) {
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < MAILS; i++) {
                // A random moment of the 5 s poll cycle (a harness spacing its load, not a test waiting).
                Thread.sleep(ThreadLocalRandom.current().nextLong(5000));
                String reference = "LAT" + i;
                long landed = System.currentTimeMillis();
                mailbox.deliver("<lat-" + i + "@bookings.example>", "New reservation " + reference,
                        Mailbox.confirmation(reference, "Guest " + i, "+39 333 100 " + (1000 + i), "2026-12-10",
                                "2026-12-12"));
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> hub.count(
                        "SELECT COUNT(*) FROM bookings WHERE external_id = '" + reference + "'") == 1);
                latencies.add(hub.count("SELECT created_at FROM bookings WHERE external_id = '" + reference + "'")
                        - landed);
            }
            latencies.sort(null);
            System.out.printf("mail->booking latency, imap.poll-delay=5s, %d mails: min %d ms, median %d ms, mean %d ms,"
                    + " max %d ms; all %s%n", MAILS, latencies.get(0), latencies.get(MAILS / 2),
                    latencies.stream().mapToLong(Long::longValue).sum() / MAILS, latencies.get(MAILS - 1), latencies);
        }
    }
}
