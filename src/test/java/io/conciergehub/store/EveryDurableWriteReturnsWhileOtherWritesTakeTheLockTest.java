package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Durable writers wait for the write lock without queueing on it: whoever lets go of it wakes the
 * next committer. Under a mix of many durable writers and ordinary writes (the webhooks and the
 * outbox of a busy hub), none of them may be left waiting with nobody to commit its piece.
 */
class EveryDurableWriteReturnsWhileOtherWritesTakeTheLockTest {

    private static final int DURABLE_WRITERS = 16;
    private static final int WRITES_EACH = 150;
    private static final int ORDINARY_WRITERS = 3;

    @Test
    void everyDurableWriteIsCommittedAndReturnsWhileOrdinaryWritesComeAndGo() throws Exception {
        Database db = Database.open(Files.createTempDirectory("durable-waits-"), true);
        ExecutorService pool = Executors.newFixedThreadPool(DURABLE_WRITERS + ORDINARY_WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean durableWritersDone = new AtomicBoolean();
        List<Future<?>> ordinary = new ArrayList<>();
        for (int i = 0; i < ORDINARY_WRITERS; i++) {
            ordinary.add(pool.submit(() -> {
                start.await();
                while (!durableWritersDone.get()) {
                    db.write(c -> Sql.insert(c, "INSERT INTO dead_letters (source, reference, error, created_at)"
                            + " VALUES ('ordinary', 'o', 'e', 0)"));
                }
                return null;
            }));
        }
        List<Future<?>> durable = new ArrayList<>();
        for (int i = 0; i < DURABLE_WRITERS; i++) {
            durable.add(pool.submit(() -> {
                start.await();
                for (int n = 0; n < WRITES_EACH; n++) {
                    db.writeDurably(c -> Sql.insert(c, "INSERT INTO dead_letters (source, reference, error, created_at)"
                            + " VALUES ('durable', 'd', 'e', 0)"));
                }
                return null;
            }));
        }
        start.countDown();

        // A durable writer left without a committer would wait for ever: a bound, not a timing.
        for (Future<?> writer : durable) {
            writer.get(60, TimeUnit.SECONDS);
        }
        durableWritersDone.set(true);
        for (Future<?> writer : ordinary) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long durableRows = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM dead_letters WHERE source = 'durable'"));
        assertThat(durableRows).isEqualTo((long) DURABLE_WRITERS * WRITES_EACH);
        db.close();
    }
}
