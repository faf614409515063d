package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConnection;

/**
 * SQLite empties a connection's page cache whenever another connection wrote since its last
 * transaction: writes from any thread, durable or not, share one connection, which no read takes,
 * so that it keeps the pages it writes to.
 */
class EveryWriteGoesThroughOneConnectionWhileOthersReadTest {

    private static final String INSERT = "INSERT INTO dead_letters (source, reference, error, created_at)"
            + " VALUES ('test', ?, 'e', 0)";

    @Test
    void writesFromSixThreadsUseOneConnectionThatNoReadUses() throws Exception {
        Set<SQLiteConnection> writing = ConcurrentHashMap.newKeySet();
        Set<SQLiteConnection> reading = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try (Database db = Database.open(Files.createTempDirectory("one-writer-"), true)) {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String reference = "write-" + i;
                boolean durable = i % 2 == 0;
                work.add(threads.submit(() -> {
                    // As the hub's flows do: a thread reads (a guest, a queue), then writes.
                    db.read(c -> {
                        reading.add(c.unwrap(SQLiteConnection.class));
                        return Sql.count(c, "SELECT COUNT(*) FROM dead_letters");
                    });
                    Database.SqlWork<Long> insert = c -> {
                        writing.add(c.unwrap(SQLiteConnection.class));
                        return Sql.insert(c, INSERT, reference);
                    };
                    return durable ? db.writeDurably(insert) : db.write(insert);
                }));
            }
            for (Future<?> done : work) {
                done.get(30, TimeUnit.SECONDS);
            }

            long stored = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM dead_letters"));
            assertThat(stored).isEqualTo(60);
        } finally {
            threads.shutdownNow();
        }
        assertThat(writing).hasSize(1);
        assertThat(reading).isNotEmpty().doesNotContainAnyElementsOf(writing);
    }
}
