package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When the disk fails to sync the log, the writes waiting for it are not acknowledged; nor is any
 * later one, though a later sync may succeed: after a failed fsync the kernel may have dropped the
 * pages it could not write, and a later fsync would not bring them back. Ordinary writes go on.
 */
class AFailedSyncStopsEveryLaterAcknowledgementTest {

    private static final String INSERT = "INSERT INTO dead_letters (source, reference, error, created_at)"
            + " VALUES ('test', 'r', 'e', 0)";

    @Test
    void afterOneFailedSyncNoDurableWriteReturns() throws Exception {
        Database db = Database.open(Files.createTempDirectory("failed-sync-"), true);
        AtomicInteger syncs = new AtomicInteger();
        Database.LogSync real = db.syncLogWith(null);
        db.syncLogWith(() -> {
            if (syncs.incrementAndGet() == 1) {
                throw new IOException("Input/output error");
            }
            real.sync();
        });

        assertThatThrownBy(() -> db.writeDurably(c -> Sql.insert(c, INSERT)))
                .hasMessageContaining("could not be made durable").hasRootCauseMessage("Input/output error");
        assertThatThrownBy(() -> db.writeDurably(c -> Sql.insert(c, INSERT)))
                .hasMessageContaining("could not be made durable").hasRootCauseMessage("Input/output error");
        long ordinary = db.write(c -> Sql.insert(c, INSERT));
        assertThat(ordinary).isPositive();
        db.close();
    }
}
