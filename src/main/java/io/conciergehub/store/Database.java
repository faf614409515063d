package io.conciergehub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
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
 * timeout still covers writers outside this class (backups, an operator's sqlite3).
 *
 * <p>Durability: {@link #writeDurably} (what a webhook is acknowledged on) syncs the log to disk
 * before it returns (synchronous=FULL), so an acknowledged message survives a power cut. Its
 * callers are served by one committer thread with group commit: everything waiting is written in
 * one transaction, each piece in its own savepoint, and one fsync covers them all.
 * {@link #write} (synchronous=NORMAL) survives a crash of the process but may lose its last
 * commits to a power cut; it is for work that can be derived again from durable rows.
 */
public final class Database implements AutoCloseable {

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final HikariDataSource pool;
    private final HikariDataSource durablePool;
    private final BlockingQueue<DurableWrite<?>> durableWrites = new LinkedBlockingQueue<>();
    private final Thread committer;
    // Not fair: on a busy two-core machine a fair lock hands over to one parked thread at a time
    // (a convoy); barging lets whichever writer is running commit next.
    private final ReentrantLock writeLock = new ReentrantLock();

    private Database(Path file, HikariDataSource pool, HikariDataSource durablePool) {
        this.file = file;
        this.pool = pool;
        this.durablePool = durablePool;
        this.committer = new Thread(this::commitDurableWrites, "sqlite-group-commit");
        committer.setDaemon(true);
        committer.start();
    }

    /** One caller's piece of a group commit; the caller is released only after the commit. */
    private static final class DurableWrite<T> {
        private final SqlWork<T> work;
        private final CompletableFuture<T> done = new CompletableFuture<>();
        private T result;
        private Exception failure;

        DurableWrite(SqlWork<T> work) {
            this.work = work;
        }

        /** Runs in its own savepoint, so that a failing piece does not undo the others. */
        void runIn(Connection connection) throws SQLException {
            Savepoint savepoint = connection.setSavepoint();
            try {
                result = work.run(connection);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException | RuntimeException e) {
                connection.rollback(savepoint);
                failure = e;
            }
        }

        void committed() {
            if (failure == null) {
                done.complete(result);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    /**
     * Opens (creating if needed) {@code hub.db} in the data directory and applies the migrations.
     *
     * @param durableAcks whether {@link #writeDurably} syncs to disk (true: survives a power cut)
     */
    public static Database open(Path dataDir, boolean durableAcks) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create data directory " + dataDir.toAbsolutePath(), e);
        }
        Path file = dataDir.resolve("hub.db");
        HikariDataSource pool = pool("sqlite", sqlite(file, 5000), 4);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        // One connection is enough: writes are serialised by the write lock anyway.
        HikariDataSource durable = pool("sqlite-durable", sqlite(file, 5000,
                durableAcks ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL), 1);
        return new Database(file, pool, durable);
    }

    private static HikariDataSource pool(String name, SQLiteDataSource dataSource, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(dataSource);
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setAutoCommit(true);
        return new HikariDataSource(hikari);
    }

    /** A data source on the same file with its own settings, for probes that must not wait long. */
    public static SQLiteDataSource sqlite(Path file, int busyTimeoutMillis) {
        return sqlite(file, busyTimeoutMillis, SQLiteConfig.SynchronousMode.NORMAL);
    }

    private static SQLiteDataSource sqlite(Path file, int busyTimeoutMillis, SQLiteConfig.SynchronousMode sync) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(sync);
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
        return write(pool, work);
    }

    /** Like {@link #write}, and the commit is on disk when this returns: for what is acknowledged to others. */
    public <T> T writeDurably(SqlWork<T> work) {
        DurableWrite<T> write = new DurableWrite<>(work);
        durableWrites.add(write);
        try {
            return write.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException((SQLException) e.getCause());
        }
    }

    private void commitDurableWrites() {
        List<DurableWrite<?>> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(durableWrites.take());
            } catch (InterruptedException stopping) {
                return;
            }
            durableWrites.drainTo(batch, 255);
            try {
                write(durablePool, connection -> {
                    for (DurableWrite<?> write : batch) {
                        write.runIn(connection);
                    }
                    return null;
                });
                batch.forEach(DurableWrite::committed);
            } catch (RuntimeException commitFailed) {
                batch.forEach(write -> write.done.completeExceptionally(commitFailed));
            }
            batch.clear();
        }
    }

    private <T> T write(HikariDataSource target, SqlWork<T> work) {
        writeLock.lock();
        try (Connection connection = target.getConnection()) {
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
        committer.interrupt();
        try {
            committer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        durableWrites.forEach(write -> write.done.completeExceptionally(new IllegalStateException("database closed")));
        durablePool.close();
        pool.close();
    }
}
