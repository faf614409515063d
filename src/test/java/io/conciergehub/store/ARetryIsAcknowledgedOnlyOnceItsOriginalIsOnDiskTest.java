package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A provider's retry of a webhook can arrive while the first delivery's commit is being synced to
 * disk. The idempotent repository finds its key already (the commit is visible before its sync),
 * but the retry is acknowledged only once that commit is on disk, as the first delivery would be.
 */
class ARetryIsAcknowledgedOnlyOnceItsOriginalIsOnDiskTest {

    @Test
    void aKeyFoundBeforeItsCommitIsSyncedIsReportedOnlyAfterTheSync() throws Exception {
        Database db = Database.open(Files.createTempDirectory("retry-sync-"), true);
        SqliteIdempotentRepository repository = new SqliteIdempotentRepository(db, "webhooks");
        SlowDisk disk = SlowDisk.under(db);

        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(
                () -> db.writeDurably(c -> repository.insert(c, "spoki:msg-1")));
        assertThat(disk.syncBegan()).as("the first delivery's sync began").isTrue();

        Thread[] retryThread = new Thread[1];
        CompletableFuture<Boolean> retry = CompletableFuture.supplyAsync(() -> {
            retryThread[0] = Thread.currentThread();
            return repository.contains("spoki:msg-1");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> retry.isDone() || retryThread[0] != null
                && Set.of(Thread.State.WAITING, Thread.State.TIMED_WAITING).contains(retryThread[0].getState()));
        assertThat(retry).as("the retry was answered before the first delivery was on disk").isNotDone();

        disk.finish();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(retry.get(10, TimeUnit.SECONDS)).isTrue();
        db.close();
    }
}
