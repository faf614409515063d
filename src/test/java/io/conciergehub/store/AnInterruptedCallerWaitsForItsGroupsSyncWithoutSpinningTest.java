package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A caller whose durable write another caller committed waits, parked, for that group's sync:
 * woken early (an interrupt, as a webhook worker may get while the hub stops), it neither returns
 * before its commit is on disk nor keeps taking the lock to look for work, and its interrupt is
 * kept for whoever called it.
 */
class AnInterruptedCallerWaitsForItsGroupsSyncWithoutSpinningTest {

    @Test
    void aCallerWokenDuringItsGroupsSyncParksAgainAndReturnsAfterIt() throws Exception {
        Database db = Database.open(Files.createTempDirectory("taken-wait-"), true);
        SlowDisk disk = SlowDisk.under(db);
        List<QueuedWriter> group = QueuedWriter.syncingAsOneGroup(db, disk, "first", "second");

        // The committer waits in the (slow) sync with a time limit; the other caller is parked.
        await().atMost(Duration.ofSeconds(10)).until(() -> group.stream()
                .anyMatch(writer -> writer.getState() == Thread.State.TIMED_WAITING));
        QueuedWriter waiting = group.stream()
                .filter(writer -> writer.getState() == Thread.State.WAITING).findFirst().orElseThrow();
        waiting.interrupt();

        // A caller that took the lock again and again would be RUNNABLE, not parked.
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(500))
                .until(() -> waiting.getState() == Thread.State.WAITING && waiting.id.get() == 0);

        disk.finish();
        waiting.join(10_000);
        assertThat(waiting.id.get()).as("committed, synced and returned").isPositive();
        assertThat(waiting.interruptedOnReturn()).as("the caller still sees its interrupt").isTrue();
        db.close();
    }
}
