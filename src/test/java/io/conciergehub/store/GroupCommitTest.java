package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Durable writes share commits, but each caller gets exactly its own outcome. */
class GroupCommitTest {

    @Test
    void aFailingWriteAmongConcurrentOnesIsRolledBackAloneAndItsCallerSeesTheError() throws Exception {
        Database db = Database.open(Files.createTempDirectory("group-commit-"), true);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int caller = i;
            results.add(pool.submit(() -> {
                start.await();
                return db.writeDurably(c -> {
                    long id = Sql.insert(c, "INSERT INTO dead_letters (source, reference, error, created_at)"
                            + " VALUES ('test', ?, 'e', 0)", String.valueOf(caller));
                    if (caller == 7) {
                        throw new IllegalStateException("caller 7 fails after writing");
                    }
                    return id;
                });
            }));
        }
        start.countDown();

        for (int i = 0; i < 20; i++) {
            if (i == 7) {
                assertThatThrownBy(results.get(i)::get).hasRootCauseMessage("caller 7 fails after writing");
            } else {
                assertThat(results.get(i).get()).isPositive();
            }
        }
        pool.shutdown();
        long written = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM dead_letters"));
        long ofTheFailingCaller = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM dead_letters WHERE reference = '7'"));
        assertThat(written).isEqualTo(19);
        assertThat(ofTheFailingCaller).isZero();
        db.close();
    }
}
