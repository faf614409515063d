package io.conciergehub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConnection;

/**
 * Prepared statements kept per SQLite connection, because neither sqlite-jdbc nor HikariCP keeps
 * them: SQLite compiles a statement anew on every {@code prepareStatement}, and compiling a write
 * also compiles the tables' change-capture triggers, which made preparing statements one of the
 * largest costs of a guest message.
 *
 * <p>A connection serves one thread at a time (the pool hands it out), so a connection's cache needs
 * no lock. A statement already in use on its connection (a query run again from inside the mapping
 * of its own rows) is prepared afresh for that use. Statements die with their connection: closing a
 * SQLite connection finalises them, and the cache entry of a closed connection is dropped when the
 * next new connection appears.
 */
final class StatementCache {

    /** Enough for every fixed statement of the hub; dynamic queries (filters) beyond it are evicted. */
    private static final int PER_CONNECTION = 256;

    private static final Map<SQLiteConnection, StatementCache> CACHES = new ConcurrentHashMap<>();

    /** A statement for one use; {@link #close} returns it to its cache, or closes a one-off. */
    static final class Lease implements AutoCloseable {
        private final PreparedStatement statement;
        private final Cached cached;

        private Lease(PreparedStatement statement, Cached cached) {
            this.statement = statement;
            this.cached = cached;
        }

        PreparedStatement statement() {
            return statement;
        }

        @Override
        public void close() throws SQLException {
            if (cached == null) {
                statement.close();
            } else {
                statement.clearParameters();
                cached.inUse = false;
            }
        }
    }

    private static final class Cached {
        final PreparedStatement statement;
        boolean inUse;

        Cached(PreparedStatement statement) {
            this.statement = statement;
        }
    }

    private final SQLiteConnection connection;
    private final Map<String, Cached> statements = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            if (size() <= PER_CONNECTION || eldest.getValue().inUse) {
                return false;
            }
            closeQuietly(eldest.getValue().statement);
            return true;
        }
    };

    private StatementCache(SQLiteConnection connection) {
        this.connection = connection;
    }

    /** A prepared statement for {@code sql} on {@code c} (a pooled connection to a SQLite file). */
    static Lease lease(Connection c, String sql) throws SQLException {
        SQLiteConnection physical = c.unwrap(SQLiteConnection.class);
        StatementCache cache = CACHES.get(physical);
        if (cache == null) {
            CACHES.keySet().removeIf(StatementCache::isClosed);
            cache = CACHES.computeIfAbsent(physical, StatementCache::new);
        }
        return cache.lease(sql);
    }

    private Lease lease(String sql) throws SQLException {
        Cached cached = statements.get(sql);
        if (cached == null) {
            cached = new Cached(connection.prepareStatement(sql));
            statements.put(sql, cached);
        } else if (cached.inUse) {
            return new Lease(connection.prepareStatement(sql), null);
        }
        cached.inUse = true;
        return new Lease(cached.statement, cached);
    }

    private static boolean isClosed(SQLiteConnection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // nothing to do: the statement is gone either way
        }
    }
}
