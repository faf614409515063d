package io.conciergehub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The node's system of record: one SQLite file in WAL mode, read through a small connection pool
 * and written through one connection of its own.
 *
 * <p>SQLite has a single writer. Writes from this process take turns on an in-process lock
 * instead of spinning in SQLite's busy handler, which keeps commit latency flat under load; the
 * busy timeout still covers writers outside this class (backups, an operator's sqlite3).
 *
 * <p>Writers share commits (leader/follower group commit): a caller that gets the write lock runs
 * every piece of work waiting in one transaction, each in its own savepoint (a failing piece
 * undoes itself only), commits, and lets go of the lock. The other callers wait for their piece,
 * not for the lock: a write returns as soon as a committer has committed it, not after whichever
 * writes take the lock before it (on a busy two-core machine the concierge's answer used to wait
 * there for a third of its time). Whoever lets go of the lock wakes the caller of the oldest piece
 * still waiting, which queues for the lock like any writer and commits the next group. Each piece
 * runs on the committer's thread, so work must not depend on its own thread.
 *
 * <p>Durability: {@link #write} (synchronous=NORMAL) survives a crash of the process but may lose
 * its last commits to a power cut; it is for work that can be derived again from durable rows.
 * {@link #writeDurably} (what a webhook is acknowledged on) returns only once its commit is on
 * disk, so an acknowledged message survives a power cut: after the commit, outside the lock, the
 * committer syncs the log (SQLite's WAL file: one fsync covers every commit before it, as
 * synchronous=FULL would inside the commit), then wakes the callers of the durable pieces. The
 * callers of the group's ordinary pieces are released before the sync (but for the committer, if
 * it is one of them), and the other writers and the next group do not wait for the disk.
 */
public final class Database implements AutoCloseable {

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Puts every commit made so far on disk (see {@link #syncLog}); a test may slow it down. */
    @FunctionalInterface
    interface LogSync {
        void sync() throws java.io.IOException;
    }

    private static final int PROBE_BUSY_TIMEOUT_MILLIS = 1000;

    private final Path file;
    private final String migrations;
    private final JavaMigration[] javaMigrations;
    // Both replaced, under the write lock, when a snapshot from the active node is installed.
    private volatile HikariDataSource pool;
    // Every write goes through this pool's one connection. SQLite empties a connection's page cache
    // whenever another connection has written since its last transaction: writes spread over the
    // read pool's connections read the pages they touch again from the file in nearly every commit.
    private volatile HikariDataSource writer;
    private final boolean durableAcks;
    private final Queue<Piece<?>> waiting = new ConcurrentLinkedQueue<>();
    // Not fair: on a busy two-core machine a fair lock hands over to one parked thread at a time
    // (a convoy); barging lets whichever writer is running commit next.
    private final ReentrantLock writeLock = new ReentrantLock();
    // Probes hold the file (read side) while a snapshot replaces it (write side): a probe's own
    // connection closing just then would delete the WAL the new pool is opening.
    private final ReentrantReadWriteLock fileInUse = new ReentrantReadWriteLock();
    // Probes must answer fast on a locked database: a connection of their own with a short busy timeout.
    private final SQLiteDataSource probes;
    private volatile LogSync logSync = this::syncLog;
    // The first failed sync of the log: every later durable write fails with it (see finish).
    private volatile Throwable syncFailure;

    private Database(Path file, String migrations, JavaMigration[] javaMigrations, HikariDataSource pool,
            boolean durableAcks) {
        this.file = file;
        this.migrations = migrations;
        this.javaMigrations = javaMigrations;
        this.pool = pool;
        this.writer = writer(file);
        this.durableAcks = durableAcks;
        this.probes = sqlite(file, PROBE_BUSY_TIMEOUT_MILLIS);
    }

    /** Whether a sync of the log has failed: no durable write is acknowledged until a restart. */
    public boolean durableWritesRefused() {
        return syncFailure != null;
    }

    /**
     * Runs {@code work} on a fresh connection with a short busy timeout (health checks: a locked or
     * broken database must answer quickly, not hang), never while a snapshot replaces the file.
     */
    public <T> T probe(SqlWork<T> work) throws SQLException {
        fileInUse.readLock().lock();
        try (Connection connection = probes.getConnection()) {
            return work.run(connection);
        } finally {
            fileInUse.readLock().unlock();
        }
    }

    /** One caller's piece of a group commit; the caller is released only after the commit (and sync, if durable). */
    private static final class Piece<T> {
        private final SqlWork<T> work;
        private final boolean durable;
        private final Thread caller = Thread.currentThread();
        private T result;
        private Throwable failure;
        // In a committer's group: its caller waits for that group's outcome (and sync), not for the lock.
        private volatile boolean taken;
        // Written last: its volatile write publishes result and failure to the caller.
        private volatile boolean done;

        Piece(SqlWork<T> work, boolean durable) {
            this.work = work;
            this.durable = durable;
        }

        /**
         * Runs in its own savepoint, so that a failing piece (an Error too) does not undo the others
         * or become their outcome. Should SQLite have rolled back the whole transaction already (a
         * full disk), the group fails with this piece's failure attached.
         */
        void runIn(Connection connection) throws SQLException {
            Sql.execute(connection, "SAVEPOINT piece");
            try {
                result = work.run(connection);
            } catch (Throwable e) {
                failure = e;
                try {
                    Sql.execute(connection, "ROLLBACK TO piece");
                } catch (SQLException rollbackFailed) {
                    rollbackFailed.addSuppressed(e);
                    throw rollbackFailed;
                }
            }
            Sql.execute(connection, "RELEASE piece");
        }

        /** Alone in its transaction: its failure fails the transaction, and becomes its outcome. */
        void runAlone(Connection connection) throws SQLException {
            result = work.run(connection);
        }

        /** The commit's outcome for this piece (null: committed), then its caller woken. */
        void finish(Throwable commitFailed) {
            if (commitFailed != null) {
                result = null;
                failure = commitFailed;
            }
            done = true;
            if (caller != Thread.currentThread()) {
                LockSupport.unpark(caller);
            }
        }

        T outcome() {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure instanceof SQLException sql) {
                throw new StoreException(sql);
            }
            if (failure != null) {
                throw new IllegalStateException("the commit could not be made durable", failure);
            }
            return result;
        }
    }

    /**
     * Opens (creating if needed) {@code hub.db} in the data directory and applies the migrations.
     *
     * @param durableAcks whether {@link #writeDurably} syncs to disk (true: survives a power cut)
     * @param crypto the hub's key, for the migration that seals what older versions stored in clear
     * @throws ConfigurationException when the database's data is encrypted with another key (see {@link KeyCheck})
     */
    public static Database open(Path dataDir, boolean durableAcks, FieldCrypto crypto) {
        Database db = open(dataDir, "hub.db", "classpath:db/migration", durableAcks, new SealNamesAndTexts(crypto));
        try {
            KeyCheck.verify(db, crypto, dataDir);
        } catch (RuntimeException anotherKey) {
            db.close();
            throw anotherKey;
        }
        return db;
    }

    /** Like {@link #open(Path, boolean, FieldCrypto)} with the data directory's key file, as a hub without a configured key. */
    public static Database open(Path dataDir, boolean durableAcks) {
        return open(dataDir, durableAcks, FieldCrypto.fromConfiguredKeyOrFile("", dataDir));
    }

    /** Opens {@code fileName} in the data directory with the Flyway migrations at {@code migrations} and these Java ones. */
    public static Database open(Path dataDir, String fileName, String migrations, boolean durableAcks,
            JavaMigration... javaMigrations) {
        Path file = privateFile(dataDir, fileName);
        return new Database(file, migrations, javaMigrations, migrated(pool(file), migrations, javaMigrations),
                durableAcks);
    }

    /**
     * A migrated file of the data directory for a library that runs its own transactions on it
     * (camel-sql's aggregation repository): a plain data source, one connection per use, nothing to
     * close. Nothing else may write to that file.
     */
    public static SQLiteDataSource ownedByALibrary(Path dataDir, String fileName, String migrations) {
        SQLiteDataSource dataSource = sqlite(privateFile(dataDir, fileName), 5000);
        Flyway.configure().dataSource(dataSource).locations(migrations).load().migrate();
        return dataSource;
    }

    /** The file in the data directory, made (with the directory) readable by this user alone. */
    private static Path privateFile(Path dataDir, String fileName) {
        Path file = dataDir.resolve(fileName);
        try {
            PrivateFiles.directory(dataDir);
            // SQLite gives its -wal, -shm and -journal the database file's mode.
            PrivateFiles.file(file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create " + file.toAbsolutePath(), e);
        }
        return file;
    }

    /**
     * Opens the existing {@code hub.db} of a data directory as it is, without migrating it: for
     * tools that run beside a hub (backup), which must not change the schema under it.
     */
    public static Database attach(Path dataDir) {
        Path file = dataDir.resolve("hub.db");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no database at " + file.toAbsolutePath());
        }
        return new Database(file, "classpath:db/migration", new JavaMigration[0], pool(file), true);
    }

    private static HikariDataSource migrated(HikariDataSource pool, String migrations, JavaMigration[] javaMigrations) {
        Flyway.configure().dataSource(pool).locations(migrations).javaMigrations(javaMigrations).load().migrate();
        return pool;
    }

    private static HikariDataSource pool(Path file) {
        return pool(file, "sqlite-" + file.getFileName(), 4);
    }

    private static HikariDataSource writer(Path file) {
        return pool(file, "sqlite-" + file.getFileName() + "-writer", 1);
    }

    private static HikariDataSource pool(Path file, String name, int connections) {
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite(file, 5000));
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(connections);
        hikari.setAutoCommit(true);
        return new HikariDataSource(hikari);
    }

    /**
     * Replaces the whole database with {@code replacement} (a verified snapshot from the active
     * node), while the process runs: writers wait on the write lock, readers in flight finish on
     * the old file. Migrations newer than the snapshot are applied to it.
     */
    public void replaceWith(Path replacement) {
        writeLock.lock();
        fileInUse.writeLock().lock();
        try {
            writer.close();
            pool.close(); // the last connection to close checkpoints the WAL into the old file
            Files.deleteIfExists(Path.of(file + "-wal"));
            Files.deleteIfExists(Path.of(file + "-shm"));
            Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            pool = migrated(pool(file), migrations, javaMigrations);
            writer = writer(file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot install " + replacement + " as " + file, e);
        } finally {
            fileInUse.writeLock().unlock();
            unlockWrites();
        }
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
        // Otherwise the driver runs a regular expression over every update and prepares a query for
        // the new row id after every insert; Sql.insert asks for the id itself.
        config.setGetGeneratedKeys(false);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }

    public Path file() {
        return file;
    }

    /**
     * Runs {@code work} in a write transaction, perhaps together with other callers' work (see the
     * class comment), and returns once it is committed; a failure of {@code work} undoes its own
     * writes only, and is thrown here. The commit is not synced (synchronous=NORMAL): it survives a
     * crash of the process.
     */
    public <T> T write(SqlWork<T> work) {
        return committed(new Piece<>(work, false));
    }

    /**
     * Runs {@code batch} in write transactions, one after the other, until one changes nothing;
     * returns how many rows they changed in all. For deletes of many rows (retention): other
     * writers wait for one batch at a time, never for the whole.
     */
    public int writeInBatches(SqlWork<Integer> batch) {
        int changed = 0;
        for (int done; (done = write(batch)) > 0; ) {
            changed += done;
        }
        return changed;
    }

    /** Like {@link #write}, and the commit is on disk when this returns: for what is acknowledged to others. */
    public <T> T writeDurably(SqlWork<T> work) {
        return committed(new Piece<>(work, durableAcks));
    }

    private <T> T committed(Piece<T> mine) {
        waiting.add(mine);
        // Not cut short by an interrupt: the piece is queued and may be committed any moment.
        boolean interrupted = false;
        boolean woken = false;
        while (!mine.done) {
            interrupted |= Thread.interrupted();
            if (mine.taken) {
                LockSupport.park(this); // committed in another's group: woken after it (and its sync)
                continue;
            }
            if (woken && waiting.peek() == mine) {
                // The oldest piece still waiting: its caller takes a turn on the lock like any
                // writer. The others wait for a committer to take their piece (no lock convoy).
                writeLock.lock();
            } else if (!writeLock.tryLock()) {
                LockSupport.park(this);
                woken = true;
                continue;
            }
            Group group = null;
            try {
                if (!mine.done) {
                    group = commitWaiting();
                }
            } finally {
                unlockWrites();
            }
            if (group != null) {
                finish(group);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return mine.outcome();
    }

    /**
     * Returns once every commit made so far is on disk: for an answer that relies on another
     * caller's durable write (a provider's retry of a webhook whose first delivery is committed,
     * its sync perhaps still under way).
     */
    public void syncCommits() {
        writeDurably(connection -> null);
    }

    /**
     * Lets go of the write lock; at the last release, wakes the caller of the oldest piece still
     * waiting, if any, to commit it and everything queued behind it. Every holder lets go through
     * here, so a piece queued while the lock was taken always gets a committer.
     */
    private void unlockWrites() {
        writeLock.unlock();
        Piece<?> oldest = writeLock.isHeldByCurrentThread() ? null : waiting.peek();
        if (oldest != null) {
            LockSupport.unpark(oldest.caller);
        }
    }

    /** Called holding the write lock: one transaction for every piece waiting (null: none), not yet synced. */
    private Group commitWaiting() {
        List<Piece<?>> batch = new ArrayList<>();
        try {
            for (Piece<?> next = waiting.poll(); next != null; next = waiting.poll()) {
                next.taken = true;
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return null;
            }
            inTransaction(connection -> {
                if (batch.size() == 1) {
                    batch.get(0).runAlone(connection); // its failure is the transaction's
                } else {
                    for (Piece<?> piece : batch) {
                        piece.runIn(connection);
                    }
                }
                return null;
            });
            return new Group(batch, null);
        } catch (Throwable commitFailed) {
            // Each caller in the batch, this one too, gets it as its outcome.
            return new Group(batch, commitFailed);
        }
    }

    /** A group of pieces, committed (failure null) or not. */
    private record Group(List<Piece<?>> batch, Throwable failure) {
    }

    /**
     * Outside the write lock: the callers of ordinary pieces told the outcome, then, if the group
     * holds durable pieces, the log synced and their callers told. Every caller is told, or the
     * ones waiting would wait for ever.
     */
    private void finish(Group group) {
        boolean durablePieces = false;
        for (Piece<?> piece : group.batch()) {
            if (piece.durable) {
                durablePieces = true;
            } else {
                piece.finish(group.failure());
            }
        }
        if (!durablePieces) {
            return;
        }
        Throwable outcome = group.failure();
        if (outcome == null) {
            outcome = syncFailure;
            if (outcome == null) {
                try {
                    logSync.sync();
                } catch (Throwable syncFailed) {
                    // After a failed fsync the kernel may have dropped the unwritten pages and a
                    // later fsync succeed without them: nothing is acknowledged until a restart.
                    syncFailure = syncFailed;
                    outcome = syncFailed;
                }
            }
        }
        for (Piece<?> piece : group.batch()) {
            if (piece.durable) {
                piece.finish(outcome);
            }
        }
    }

    /**
     * Puts every commit made before this call on disk: an fsync of SQLite's log (the WAL file),
     * which is all synchronous=FULL adds to a commit in WAL mode. The file is opened anew each time:
     * SQLite deletes it when its last connection closes, after checkpointing it into the database
     * and syncing that, so a log that is gone holds nothing unsynced. Never while a snapshot
     * replaces the file.
     */
    private void syncLog() throws java.io.IOException {
        fileInUse.readLock().lock();
        // Not FileChannel.force: an interrupt would close the channel and fail the whole group.
        try (java.io.RandomAccessFile log = new java.io.RandomAccessFile(file + "-wal", "r")) {
            log.getFD().sync();
        } catch (java.io.FileNotFoundException checkpointedAndDeleted) {
            // nothing left to sync
        } finally {
            fileInUse.readLock().unlock();
        }
    }

    /** For a test: syncs the log with {@code sync} from now on; returns the sync it replaces. */
    LogSync syncLogWith(LogSync sync) {
        LogSync replaced = logSync;
        logSync = sync;
        return replaced;
    }

    /**
     * Called holding the write lock: runs {@code work} in one write transaction and commits it;
     * rolls back on any failure. The connections stay in auto-commit mode and the transaction is
     * explicit: sqlite-jdbc's {@code commit()} opens the next transaction at once, and switching
     * auto-commit back on commits that one too, two statements more per write.
     */
    private void inTransaction(SqlWork<Void> work) throws SQLException {
        try (Connection connection = writer.getConnection()) {
            Sql.execute(connection, "BEGIN IMMEDIATE");
            try {
                work.run(connection);
                Sql.execute(connection, "COMMIT");
            } catch (SQLException | RuntimeException | Error e) {
                // Errors too: the pool would otherwise hand out a connection inside a transaction.
                rollback(connection, e);
                throw e;
            }
        }
    }

    /** Undoes the open transaction; SQLite may have rolled it back already (a failed commit). */
    private static void rollback(Connection connection, Throwable cause) {
        try {
            Sql.execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode (reads; WAL readers never block). */
    public <T> T read(SqlWork<T> work) {
        HikariDataSource used = pool;
        try (Connection connection = used.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            if (used != pool) {
                return read(work); // the database was replaced meanwhile: read the new one
            }
            throw new StoreException(e);
        }
    }

    /**
     * A data source for declarative reads (camel-jdbc in the routes): each connection comes from
     * the pool in use at that moment, so a snapshot installed meanwhile is read, never the old
     * file. Writes go through {@link #write}, under the write lock, not through this.
     */
    public javax.sql.DataSource readDataSource() {
        return new javax.sql.DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return pool.getConnection();
            }

            @Override
            public java.io.PrintWriter getLogWriter() throws SQLException {
                return pool.getLogWriter();
            }

            @Override
            public void setLogWriter(java.io.PrintWriter out) throws SQLException {
                pool.setLogWriter(out);
            }

            @Override
            public void setLoginTimeout(int seconds) throws SQLException {
                pool.setLoginTimeout(seconds);
            }

            @Override
            public int getLoginTimeout() throws SQLException {
                return pool.getLoginTimeout();
            }

            @Override
            public java.util.logging.Logger getParentLogger() {
                return java.util.logging.Logger.getLogger("io.conciergehub.store");
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                return pool.unwrap(type);
            }

            @Override
            public boolean isWrapperFor(Class<?> type) throws SQLException {
                return pool.isWrapperFor(type);
            }
        };
    }

    @Override
    public void close() {
        writer.close();
        pool.close();
    }
}
