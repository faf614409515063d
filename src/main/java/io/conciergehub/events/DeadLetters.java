package io.conciergehub.events;

import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The {@code dead_letters} table: what failed for good (outbound messages, events, commands),
 * written by each in the transaction that gives up on it, so a dead letter exists exactly when its
 * item left its queue. {@code GET /api/mesh/dead-letters} lists them; a replay puts one back.
 */
public final class DeadLetters {

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

    /** Dead letters not replayed yet. */
    public static long waiting(Connection c) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM dead_letters WHERE replayed_at IS NULL");
    }
}
