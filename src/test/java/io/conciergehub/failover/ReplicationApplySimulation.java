package io.conciergehub.failover;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.store.Database.SqlWork;
import io.conciergehub.store.Sql;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * {@code scripts/bench.sh replication}: the passive node's CPU for applying one shipped batch, for
 * batches of 5 and of 40 new rows, and for batches of one and of four guest messages answered (with
 * a standby at 200 messages/s the active node ships about one batch per grouped acknowledgement,
 * each of a few messages' changes). A message answered is the ten changes a hub's log holds for it:
 * its guest written twice, the message and the answer each inserted and updated, the answer's
 * outbox row inserted and updated twice, and the webhook's key.
 *
 * <p>Two databases with the hub's schema and capture triggers ({@link ReplicatedDatabases}): rows
 * written on the active one are shipped and applied on the passive one with {@link ChangeLog#apply},
 * whose CPU time (this thread's) is what is measured, over the second half of the batches (the first
 * half warms the JIT up).
 */
public final class ReplicationApplySimulation {

    private static final int BATCHES = 2000;

    public static void main(String[] args) throws Exception {
        for (int changes : new int[] {5, 40}) {
            System.out.printf("replication apply: %.3f ms of CPU per batch of %d changes (%d batches)%n",
                    millisPerBatch(c -> newRows(c, changes)), changes, BATCHES / 2);
        }
        for (int messages : new int[] {1, 4}) {
            System.out.printf("replication apply: %.3f ms of CPU per batch of %d guest message%s answered (%d batches)%n",
                    millisPerBatch(c -> answered(c, messages)), messages, messages == 1 ? "" : "s",
                    BATCHES / 2);
        }
    }

    private static Void newRows(Connection c, int rows) throws SQLException {
        for (int i = 0; i < rows; i++) {
            Sql.insert(c, "INSERT INTO dead_letters (source, reference, error, created_at) VALUES"
                    + " ('simulation', ?, 'error', 1)", String.valueOf(i));
        }
        return null;
    }

    /** The writes of a hub answering {@code messages} guests' messages, each from a new guest. */
    private static Void answered(Connection c, int messages) throws SQLException {
        String body = "enc1:" + "x".repeat(120);
        for (int i = 0; i < messages; i++) {
            long at = System.currentTimeMillis();
            String id = UUID.randomUUID().toString();
            long guest = Sql.insert(c, "INSERT INTO guests (phone_hash, phone_enc, last_inbound_at, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)", id, body, at, at, at);
            Sql.update(c, "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES"
                    + " ('webhooks', ?, ?)", "spoki:ev-" + id, at);
            long in = Sql.insert(c, "INSERT INTO messages (guest_id, direction, provider, provider_message_id, body,"
                    + " status, created_at, updated_at) VALUES (?, 'in', 'spoki', ?, ?, 'received', ?, ?)", guest,
                    "msg-" + id, body, at, at);
            Sql.update(c, "UPDATE messages SET language = 'en', intent = 'parking', processed_at = ?, updated_at = ?"
                    + " WHERE id = ?", at, at, in);
            Sql.update(c, "UPDATE guests SET language = 'en', updated_at = ? WHERE id = ?", at, guest);
            long out = Sql.insert(c, "INSERT INTO messages (guest_id, direction, provider, body, language, intent,"
                    + " status, in_reply_to, created_at, updated_at) VALUES (?, 'out', 'spoki', ?, 'en', 'parking',"
                    + " 'queued', ?, ?, ?)", guest, body, in, at, at);
            long outbox = Sql.insert(c, "INSERT INTO outbox (message_id, guest_id, purpose, state, next_attempt_at,"
                    + " created_at, updated_at) VALUES (?, ?, 'reply', 'queued', ?, ?, ?)", out, guest, at, at, at);
            Sql.update(c, "UPDATE outbox SET state = 'sending', attempts = 1, send_started_at = ?, epoch = 1,"
                    + " updated_at = ? WHERE id = ?", at, at, outbox);
            Sql.update(c, "UPDATE outbox SET state = 'done', send_started_at = NULL, updated_at = ? WHERE id = ?",
                    at, outbox);
            Sql.update(c, "UPDATE messages SET status = 'sent', provider_message_id = ?, updated_at = ? WHERE id = ?",
                    String.valueOf(out), at, out);
        }
        return null;
    }

    private static double millisPerBatch(SqlWork<?> workOfOneBatch) throws Exception {
        ReplicatedDatabases pair = ReplicatedDatabases.open(false);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpuNanos = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            pair.active.write(workOfOneBatch);
            JsonNode request = ReplicatedDatabases.JSON.readTree(pair.nextBatch().json());
            long started = threads.getCurrentThreadCpuTime();
            pair.passiveLog.apply(request);
            if (batch >= BATCHES / 2) {
                cpuNanos += threads.getCurrentThreadCpuTime() - started;
            }
        }
        pair.close();
        return cpuNanos / 1e6 / (BATCHES / 2);
    }
}
