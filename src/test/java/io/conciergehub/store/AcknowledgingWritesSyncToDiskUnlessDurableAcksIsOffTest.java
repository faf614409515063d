package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.TestHub;
import org.junit.jupiter.api.Test;

/**
 * store.durable-acks (README "Settings", docs/foundation.md): a webhook is acknowledged on a write
 * that syncs to disk ({@code synchronous = FULL}, it survives a power cut); with {@code false} that
 * write is on NORMAL too, like every other one. Read where it counts: inside the hub's acknowledging write.
 */
class AcknowledgingWritesSyncToDiskUnlessDurableAcksIsOffTest {

    /** 2 = FULL, 1 = NORMAL: SQLite's synchronous level inside an acknowledging and an ordinary write. */
    private static int[] synchronousLevels(TestHub hub) {
        Database db = hub.context().getRegistry().lookupByNameAndType("database", Database.class);
        int acknowledging = db.writeDurably(c -> Sql.one(c, "PRAGMA synchronous", row -> row.getInt(1)).orElseThrow());
        int ordinary = db.write(c -> Sql.one(c, "PRAGMA synchronous", row -> row.getInt(1)).orElseThrow());
        return new int[] {acknowledging, ordinary};
    }

    @Test
    void byDefaultTheAcknowledgingWriteIsFullAndWithFalseItIsNormal() throws Exception {
        try (TestHub durable = TestHub.builder().start()) {
            assertThat(synchronousLevels(durable)).containsExactly(2, 1);
        }
        try (TestHub fast = TestHub.builder().property("store.durable-acks", "false").start()) {
            assertThat(synchronousLevels(fast)).containsExactly(1, 1);
        }
    }
}
