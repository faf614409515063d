package io.conciergehub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few JDBC idioms the repositories share, so each query reads as its SQL. Statements are
 * prepared once per connection ({@link StatementCache}).
 */
public final class Sql {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private static final String LAST_ROW_ID = "SELECT last_insert_rowid()";

    private Sql() {
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (StatementCache.Lease lease = StatementCache.lease(c, sql)) {
            return bound(lease, args).executeUpdate();
        }
    }

    /** Runs a statement that returns nothing (transaction control, pragmas). */
    public static void execute(Connection c, String sql) throws SQLException {
        update(c, sql);
    }

    /** Runs an INSERT and returns the generated row id. */
    public static long insert(Connection c, String sql, Object... args) throws SQLException {
        update(c, sql, args);
        // The connection's own last insert; triggers fired by the insert do not change it.
        return count(c, LAST_ROW_ID);
    }

    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (StatementCache.Lease lease = StatementCache.lease(c, sql);
                ResultSet rows = bound(lease, args).executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = list(c, sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** A column of integers that may be NULL: null then, not 0. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    public static long count(Connection c, String sql, Object... args) throws SQLException {
        return one(c, sql, row -> row.getLong(1), args).orElse(0L);
    }

    private static PreparedStatement bound(StatementCache.Lease lease, Object... args) throws SQLException {
        PreparedStatement statement = lease.statement();
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }
}
