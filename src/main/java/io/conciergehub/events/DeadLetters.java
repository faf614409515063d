package io.conciergehub.events;

import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code dead_letters} table: what failed for good (outbound messages, events, commands),
 * written by each in the transaction that gives up on it, so a dead letter exists exactly when its
 * item left its queue. {@code GET /api/mesh/dead-letters} lists them; a replay puts one back.
 */
public final class DeadLetters {

    /** A dead letter as stored; {@code replayedAt} null while it waits. */
    public record Letter(long id, String source, String reference, String error, String payload, long createdAt,
            Long replayedAt) {
    }

    private static final String COLUMNS = "id, source, reference, error, payload, created_at, replayed_at";

    private DeadLetters() {
    }

    /**
     * @param source the queue the item left: {@code outbox}, {@code events} or {@code commands}
     * @param reference the item's id in that queue
     * @param payload what a replay needs beyond the reference (sealed when personal), or null
     */
    public static void record(Connection c, String source, String reference, String error, String payload, long now)
            throws SQLException {
        Sql.insert(c, "INSERT INTO dead_letters (source, reference, error, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                source, reference, error, payload, now);
    }

    /**
     * The newest dead letters older than id {@code before} first, at most {@code limit}; with
     * {@code all} those replayed too.
     */
    public static List<Letter> newest(Connection c, boolean all, long before, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM dead_letters WHERE id < ?"
                + (all ? "" : " AND replayed_at IS NULL") + " ORDER BY id DESC LIMIT ?", DeadLetters::letter, before, limit);
    }

    public static Optional<Letter> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM dead_letters WHERE id = ?", DeadLetters::letter, id);
    }

    /** Marks a dead letter replayed, in the transaction that put its item back in its queue. */
    public static void replayed(Connection c, long id, long now) throws SQLException {
        Sql.update(c, "UPDATE dead_letters SET replayed_at = ? WHERE id = ?", now, id);
    }

    /**
     * Removes the waiting dead letters of an item that turned out not to have failed (a send the
     * provider confirmed after it was dead-lettered): nothing is left for staff to replay twice.
     */
    public static void withdraw(Connection c, String source, String reference) throws SQLException {
        Sql.update(c, "DELETE FROM dead_letters WHERE source = ? AND reference = ? AND replayed_at IS NULL",
                source, reference);
    }

    private static Letter letter(ResultSet row) throws SQLException {
        return new Letter(row.getLong("id"), row.getString("source"), row.getString("reference"), row.getString("error"),
                row.getString("payload"), row.getLong("created_at"), Sql.nullableLong(row, "replayed_at"));
    }

    /** Dead letters not replayed yet. */
    public static long waiting(Connection c) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM dead_letters WHERE replayed_at IS NULL");
    }
}
