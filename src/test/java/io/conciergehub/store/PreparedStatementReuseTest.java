package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.failover.ChangeCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Statements are prepared once per connection and used again; the answers stay those of fresh
 * statements in the cases where reuse could go wrong.
 */
class PreparedStatementReuseTest {

    private static final String INSERT = "INSERT INTO dead_letters (source, reference, error, created_at)"
            + " VALUES ('test', ?, 'e', 0)";
    private static final String ROWS_FROM = "SELECT id, reference FROM dead_letters WHERE id >= ? ORDER BY id";

    @Test
    void aQueryRunAgainWhileReadingItsOwnRowsGetsItsOwnAnswers() throws Exception {
        try (Database db = Database.open(Files.createTempDirectory("statements-"), false)) {
            long first = db.write(c -> Sql.insert(c, INSERT, "a"));
            db.write(c -> Sql.insert(c, INSERT, "b"));
            db.write(c -> Sql.insert(c, INSERT, "c"));

            // For each row, the same query again from that row on: the outer rows must not be cut short.
            List<String> pairs = db.read(c -> Sql.list(c, ROWS_FROM, row -> row.getString(2) + ":"
                    + String.join("", Sql.list(c, ROWS_FROM, inner -> inner.getString(2), row.getLong(1))), first));
            List<String> again = db.read(c -> Sql.list(c, ROWS_FROM, row -> row.getString(2), first));

            assertThat(pairs).containsExactly("a:abc", "b:bc", "c:c");
            assertThat(again).containsExactly("a", "b", "c");
        }
    }

    @Test
    void anInsertReturnsItsOwnRowIdWhenTriggersInsertElsewhere() throws Exception {
        try (Database db = Database.open(Files.createTempDirectory("statements-"), false)) {
            ChangeCapture capture = new ChangeCapture(db);
            capture.install();
            capture.capture(true); // every insert now also inserts into change_log
            db.write(c -> Sql.insert(c, INSERT, "pushes the change log ahead"));
            db.write(c -> Sql.update(c, "UPDATE dead_letters SET error = 'x'"));

            long id = db.write(c -> Sql.insert(c, INSERT, "mine"));

            Optional<String> reference = db.read(c -> Sql.one(c, "SELECT reference FROM dead_letters WHERE id = ?",
                    row -> row.getString(1), id));
            long lastChange = db.read(c -> Sql.count(c, "SELECT MAX(seq) FROM change_log"));
            assertThat(reference).contains("mine");
            assertThat(lastChange).isGreaterThan(id);
        }
    }

    @Test
    void statementsKeepWorkingAfterTheDatabaseIsReplaced() throws Exception {
        Path dir = Files.createTempDirectory("statements-");
        try (Database db = Database.open(dir, false); Database other = Database.open(dir.resolve("other"), false)) {
            db.write(c -> Sql.insert(c, INSERT, "before"));
            other.write(c -> Sql.insert(c, INSERT, "from the snapshot"));
            other.close();

            db.replaceWith(dir.resolve("other").resolve("hub.db"));

            List<String> installed = db.read(c -> Sql.list(c, ROWS_FROM, row -> row.getString(2), 0));
            long id = db.write(c -> Sql.insert(c, INSERT, "after"));
            List<String> written = db.read(c -> Sql.list(c, ROWS_FROM, row -> row.getString(2), id));
            assertThat(installed).containsExactly("from the snapshot");
            assertThat(written).containsExactly("after");
        }
    }
}
