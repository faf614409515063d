package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A durable write (what a webhook is acknowledged on) returns only once the log is synced to disk
 * after its commit, whether its caller committed the group or another did; that sync is made
 * outside the write lock, so an ordinary write (the concierge, the outbox) does not wait for the
 * disk meanwhile.
 */
class ADurableWriteReturnsAfterTheLogSyncWhichOtherWritesDoNotWaitForTest {

    @Test
    void noCallerInAGroupReturnsBeforeItsSyncAndOrdinaryWritesGoOnMeanwhile() throws Exception {
        Database db = Database.open(Files.createTempDirectory("log-sync-"), true);
        SlowDisk disk = SlowDisk.under(db);

        // An ordinary write holds the lock while two durable writes queue behind it: one group.
        List<QueuedWriter> durable = QueuedWriter.syncingAsOneGroup(db, disk, "first", "second");

        // Bounded: a write queued behind a sync made under the lock would wait for the disk.
        CompletableFuture<Long> ordinary = CompletableFuture.supplyAsync(
                () -> db.write(c -> Sql.insert(c, QueuedWriter.INSERT, "ordinary")));
        assertThat(ordinary.get(10, TimeUnit.SECONDS)).isPositive();
        assertThat(durable).as("returned before its commit was synced").allMatch(writer -> writer.id.get() == 0);

        disk.finish();
        for (QueuedWriter writer : durable) {
            writer.join(10_000);
            assertThat(writer.id.get()).isPositive();
        }
        long rows = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM dead_letters"));
        assertThat(rows).isEqualTo(4);
        db.close();
    }
}
