package io.conciergehub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The node's system of record: one SQLite file in WAL mode behind a small connection pool.
 *
 * <p>SQLite has a single writer. Writes from this process queue on an in-process lock instead
 * of spinning in SQLite's busy handler, which keeps commit latency flat under load; the busy
 * timeout still covers writers outside this class (the idempotent repository, backups).
 */
public final class Database implements AutoCloseable {

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final HikariDataSource pool;
    // Not fair: on a busy two-core machine a fair lock hands over to one parked thread at a time
    // (a convoy); barging lets whichever writer is running commit next.
    private final ReentrantLock writeLock = new ReentrantLock();

    private Database(Path file, HikariDataSource pool) {
        this.file = file;
        this.pool = pool;
    }

    /** Opens (creating if needed) {@code hub.db} in the data directory and applies the migrations. */
    public static Database open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create data directory " + dataDir.toAbsolutePath(), e);
        }
        Path file = dataDir.resolve("hub.db");
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite(file, 5000));
        hikari.setPoolName("sqlite");
        hikari.setMaximumPoolSize(4);
        hikari.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(hikari);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return new Database(file, pool);
    }

    /** A data source on the same file with its own settings, for probes that must not wait long. */
    public static SQLiteDataSource sqlite(Path file, int busyTimeoutMillis) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(busyTimeoutMillis);
        config.enforceForeignKeys(true);
        // Writers take the lock when the transaction starts, so a read-then-write never deadlocks.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one write transaction and commits it; rolls back on any failure. */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode (reads; WAL readers never block). */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
