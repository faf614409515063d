package io.conciergehub.messaging;

import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes guests' messages older than {@code privacy.message-retention}, with their outbox rows,
 * a batch per transaction so that webhooks wait for the write lock only briefly. The deletes go
 * through the change capture's triggers like any write, so the standby deletes them too.
 *
 * <p>Kept although old: an inbound message the concierge has not answered yet, a message whose
 * outbox row is still to be sent (queued, sending, or merged into one that is), a message a kept reply points at, and the
 * newest message and outbox row. SQLite gives a new row the highest id + 1, so keeping the newest
 * means an id is never given again: a command's outbox ids and a staff alert's message id never
 * come to name another guest's message.
 */
public final class MessageRetention {

    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(MessageRetention.class);

    /** Whether message {@code %1$s} may go, the cut-off time its parameter. */
    private static final String EXPIRED = "%1$s.created_at < ? AND %1$s.id < (SELECT MAX(id) FROM messages)"
            + " AND NOT (%1$s.direction = 'in' AND %1$s.processed_at IS NULL)"
            + " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = %1$s.id"
            + " AND (o.state IN ('queued', 'sending') OR o.id = (SELECT MAX(id) FROM outbox)"
            + " OR (o.state = 'merged' AND EXISTS (SELECT 1 FROM outbox h WHERE h.id = o.merged_into"
            + " AND h.state IN ('queued', 'sending')))))";
    private static final String BATCH_QUERY = "SELECT m.id FROM messages m WHERE " + EXPIRED.formatted("m")
            + " AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.in_reply_to = m.id AND NOT ("
            + EXPIRED.formatted("r") + ")) ORDER BY m.id LIMIT ?";

    private final Database db;
    private final Duration retention;
    private final Clock clock;

    public MessageRetention(Database db, Duration retention, Clock clock) {
        this.db = db;
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes every message past the retention that may go; returns how many. */
    public int deleteExpired() {
        long cutoff = clock.millis() - retention.toMillis();
        int deleted = db.writeInBatches(c -> deleteBatch(c, cutoff));
        if (deleted > 0) {
            LOG.info("event=messages.deleted count={} retention={}", deleted, retention);
        }
        return deleted;
    }

    private static int deleteBatch(Connection c, long cutoff) throws SQLException {
        List<Long> expired = Sql.list(c, BATCH_QUERY, row -> row.getLong(1), cutoff, cutoff, BATCH);
        if (expired.isEmpty()) {
            return 0;
        }
        // The replies go with the message they answer (all expired, or it would have been kept),
        // in the same statement, so that no reply is left pointing at a deleted message. The ids
        // travel as one JSON array: one statement whatever the batch's size.
        Set<Long> ids = new TreeSet<>(expired);
        ids.addAll(Sql.list(c, "SELECT id FROM messages WHERE in_reply_to IN (SELECT value FROM json_each(?))",
                row -> row.getLong(1), expired.toString()));
        String all = ids.toString();
        Sql.update(c, "DELETE FROM outbox WHERE message_id IN (SELECT value FROM json_each(?))", all);
        return Sql.update(c, "DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?))", all);
    }
}
