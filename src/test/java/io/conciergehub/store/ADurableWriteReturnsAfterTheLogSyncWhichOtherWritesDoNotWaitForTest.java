package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A durable write (what a webhook is acknowledged on) returns only once the log is synced to disk
 * after its commit, whether its caller committed the group or another did; that sync is made
 * outside the write lock, so an ordinary write (the concierge, the outbox) does not wait for the
 * disk meanwhile.
 */
class ADurableWriteReturnsAfterTheLogSyncWhichOtherWritesDoNotWaitForTest {

    private static final String INSERT = "INSERT INTO dead_letters (source, reference, error, created_at)"
            + " VALUES (?, 'r', 'e', 0)";

    @Test
    void noCallerInAGroupReturnsBeforeItsSyncAndOrdinaryWritesGoOnMeanwhile() throws Exception {
        Database db = Database.open(Files.createTempDirectory("log-sync-"), true);
        SlowDisk disk = SlowDisk.under(db);

        // An ordinary write holds the lock while two durable writes queue behind it: one group.
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        CompletableFuture<Long> holder = CompletableFuture.supplyAsync(() -> db.write(c -> {
            awaitBounded(holding, letGo);
            return Sql.insert(c, INSERT, "holder");
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        List<DurableWriter> durable = List.of(DurableWriter.started(db, "first"), DurableWriter.started(db, "second"));
        await().atMost(Duration.ofSeconds(10)).until(() -> durable.stream()
                .allMatch(writer -> writer.getState() == Thread.State.WAITING));
        letGo.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isPositive();

        assertThat(disk.syncBegan()).as("the group's sync began").isTrue();
        // Bounded: a write queued behind a sync made under the lock would wait for the disk.
        CompletableFuture<Long> ordinary = CompletableFuture.supplyAsync(() -> db.write(c -> Sql.insert(c, INSERT, "ordinary")));
        assertThat(ordinary.get(10, TimeUnit.SECONDS)).isPositive();
        assertThat(durable).as("returned before its commit was synced").allMatch(writer -> writer.id.get() == 0);

        disk.finish();
        for (DurableWriter writer : durable) {
            writer.join(10_000);
            assertThat(writer.id.get()).isPositive();
        }
        long rows = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM dead_letters"));
        assertThat(rows).isEqualTo(4);
        db.close();
    }

    /** A durable write on a thread of its own, whose state shows when it waits for its commit. */
    private static final class DurableWriter extends Thread {
        final AtomicLong id = new AtomicLong();
        private final Database db;
        private final String source;

        DurableWriter(Database db, String source) {
            this.db = db;
            this.source = source;
        }

        static DurableWriter started(Database db, String source) {
            DurableWriter writer = new DurableWriter(db, source);
            writer.start();
            return writer;
        }

        @Override
        public void run() {
            id.set(db.writeDurably(c -> Sql.insert(c, INSERT, source)));
        }
    }

    /** Counts {@code reached} down, then waits for {@code go}: bounded, so that a wrong build fails rather than hangs. */
    private static void awaitBounded(CountDownLatch reached, CountDownLatch go) {
        reached.countDown();
        try {
            assertThat(go.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
