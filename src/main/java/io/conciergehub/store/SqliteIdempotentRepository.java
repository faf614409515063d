package io.conciergehub.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Idempotency keys in SQLite, for nodes without Redis. Same table layout as camel-sql's
 * JdbcMessageIdRepository, but every write goes through {@link Database#write}: SQLite has one
 * writer, and a repository committing on its own connection would meet the hub's other writes in
 * SQLite's busy handler, which sleeps in steps of up to 100 ms. One {@code INSERT OR IGNORE} is
 * also atomic, where a count-then-insert is not.
 *
 * <p>The inbox writes a webhook event's key in the event's own transaction ({@link #insert}); the
 * idempotent consumer's {@code add} on completion then finds it there and costs only a read.
 */
public final class SqliteIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private final Database db;
    private final String processorName;

    public SqliteIdempotentRepository(Database db, String processorName) {
        this.db = db;
        this.processorName = processorName;
    }

    /** Adds the key inside the caller's transaction; false if it was already there. */
    public boolean insert(Connection c, String key) throws SQLException {
        return Sql.update(c, "INSERT OR IGNORE INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt)"
                + " VALUES (?, ?, ?)", processorName, key, System.currentTimeMillis()) == 1;
    }

    @Override
    public boolean add(String key) {
        return !stored(key) && db.write(c -> insert(c, key));
    }

    /**
     * A duplicate is answered like its original, only once the original's commit is on disk: a
     * provider's retry can arrive while that commit's sync is still under way.
     */
    @Override
    public boolean contains(String key) {
        boolean found = stored(key);
        if (found) {
            db.syncCommits();
        }
        return found;
    }

    private boolean stored(String key) {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ?"
                + " AND messageId = ?", processorName, key)) > 0;
    }

    @Override
    public boolean remove(String key) {
        return db.write(c -> Sql.update(c, "DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId = ?",
                processorName, key)) == 1;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        db.write(c -> Sql.update(c, "DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ?", processorName));
    }
}
