package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.TestHub;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * store.durable-acks (README "Settings", docs/foundation.md): a webhook is acknowledged on a write
 * that is synced to disk (SQLite's log, fdatasync: it survives a power cut) before it returns;
 * ordinary writes are not synced, and with {@code false} the acknowledging write is not either.
 * Read where it counts: the hub's own database.
 */
class AcknowledgingWritesSyncToDiskUnlessDurableAcksIsOffTest {

    private static final String INSERT = "INSERT INTO dead_letters (source, reference, error, created_at)"
            + " VALUES ('test', 'r', 'e', 0)";

    /** How many times the log was synced for one acknowledging and then one ordinary write. */
    private static int[] syncs(TestHub hub) {
        Database db = hub.context().getRegistry().lookupByNameAndType("database", Database.class);
        AtomicInteger syncs = new AtomicInteger();
        AtomicReference<Database.LogSync> real = new AtomicReference<>();
        real.set(db.syncLogWith(() -> {
            syncs.incrementAndGet();
            real.get().sync();
        }));
        db.writeDurably(c -> Sql.insert(c, INSERT));
        int acknowledging = syncs.getAndSet(0);
        db.write(c -> Sql.insert(c, INSERT));
        return new int[] {acknowledging, syncs.get()};
    }

    @Test
    void byDefaultTheAcknowledgingWriteIsSyncedAndWithFalseItIsNot() throws Exception {
        try (TestHub durable = TestHub.builder().start()) {
            assertThat(syncs(durable)).containsExactly(1, 0);
        }
        try (TestHub fast = TestHub.builder().property("store.durable-acks", "false").start()) {
            assertThat(syncs(fast)).containsExactly(0, 0);
        }
    }
}
