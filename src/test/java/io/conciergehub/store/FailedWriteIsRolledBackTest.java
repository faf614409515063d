package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A write that fails, even with an Error, leaves nothing behind and the next writes go through. */
class FailedWriteIsRolledBackTest {

    private static final String INSERT = "INSERT INTO dead_letters (source, reference, error, created_at)"
            + " VALUES ('test', ?, 'e', 0)";

    @Test
    void failedWritesLeaveNoRowAndNoOpenTransaction() throws Exception {
        try (Database db = Database.open(Files.createTempDirectory("failed-write-"), false)) {
            assertThatThrownBy(() -> db.write(c -> {
                Sql.insert(c, INSERT, "exception");
                throw new IllegalStateException("fails after writing");
            })).hasMessage("fails after writing");
            assertThatThrownBy(() -> db.writeDurably(c -> {
                Sql.insert(c, INSERT, "error");
                throw new AssertionError("an Error after writing");
            })).hasMessageContaining("an Error after writing");

            // More writes than the pool has connections: each must start its own transaction.
            for (int i = 0; i < 10; i++) {
                String reference = "after-" + i;
                db.write(c -> Sql.insert(c, INSERT, reference));
            }

            List<String> stored = db.read(c -> Sql.list(c, "SELECT reference FROM dead_letters ORDER BY id",
                    row -> row.getString(1)));
            assertThat(stored).hasSize(10).allMatch(reference -> reference.startsWith("after-"));
        }
    }
}
