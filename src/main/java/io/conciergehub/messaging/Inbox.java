package io.conciergehub.messaging;

import io.conciergehub.events.EventBuffer;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.ops.Metrics;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import io.conciergehub.store.SqliteIdempotentRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;

/**
 * Makes webhook events durable. A guest message is committed before the webhook is acknowledged;
 * the unique index on the provider's message id makes a provider's retry a no-op even when two
 * deliveries race past the idempotent consumer. Without Redis, the event's idempotency key is
 * written in the same transaction as the event itself, so key and event are never apart.
 */
public final class Inbox {

    private final Database db;
    private final GuestRepository guests;
    private final Metrics metrics;
    private final EventBuffer events;
    private final SqliteIdempotentRepository sqliteKeys;
    private final Outbox outbox;
    private final Clock clock;

    /** @param sqliteKeys the idempotency store when it is SQLite, else null (Redis keeps the keys) */
    public Inbox(Database db, GuestRepository guests, Metrics metrics, EventBuffer events,
            SqliteIdempotentRepository sqliteKeys, Outbox outbox, Clock clock) {
        this.db = db;
        this.guests = guests;
        this.metrics = metrics;
        this.events = events;
        this.sqliteKeys = sqliteKeys;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The key a provider's retries of this event share; the event is stored once under it. */
    public String idempotencyKey(@Body WebhookEvent event) {
        return event.idempotencyKey();
    }

    /** Stores the event; returns the new inbound message id for the concierge, or null if there is nothing to answer. */
    public Long record(@Body WebhookEvent event) {
        return switch (event.kind()) {
            case MESSAGE -> recordMessage(event);
            case STATUS -> {
                updateStatus(event);
                yield null;
            }
            case IGNORED -> {
                metrics.ignoredEvent(event.provider(), event.type());
                yield null;
            }
        };
    }

    private Long recordMessage(WebhookEvent event) {
        long now = clock.millis();
        Long id = db.writeDurably(c -> {
            boolean seen = !firstTime(c, event) || Sql.count(c, "SELECT COUNT(*) FROM messages WHERE provider = ?"
                    + " AND direction = 'in' AND provider_message_id = ?", event.provider(), event.providerMessageId()) > 0;
            if (seen) {
                return null;
            }
            // The 24-hour window runs from when the guest wrote: a delivery Meta retried for hours
            // (the hub was down) leaves less of it, never more (a provider's clock ahead of ours: now).
            long wroteAt = event.sentAt() == null ? now : Math.min(now, event.sentAt());
            GuestRepository.Resolved guest = guests.touchInbound(c, event.phone(), event.name(), wroteAt, now);
            long guestId = guest.id();
            if (guest.created()) {
                events.publish(c, "guest.created", Map.of("guestId", guestId, "source", event.provider()));
            }
            if (event.contactLanguage() != null) {
                // The provider's word for the contact's language, unless a booking or the guest told it.
                Sql.update(c, "UPDATE guests SET language = ?, updated_at = ? WHERE id = ? AND language IS NULL",
                        event.contactLanguage(), now, guestId);
            }
            long messageId = Sql.insert(c, "INSERT INTO messages (guest_id, direction, provider, provider_message_id, body,"
                    + " status, processed_at, created_at, updated_at) VALUES (?, 'in', ?, ?, ?, 'received', ?, ?, ?)",
                    guestId, event.provider(), event.providerMessageId(), guests.seal(event.text()), event.answered() ? now : null,
                    now, now);
            events.publish(c, "message.received", Map.of("messageId", messageId, "guestId", guestId,
                    "provider", event.provider()));
            WebhookEvent.Answer maybeSent = event.maybeSentAnswer();
            if (maybeSent != null) {
                outbox.recordMaybeDelivered(c, guestId, messageId, maybeSent.text(), maybeSent.language(),
                        maybeSent.intent(), now);
            }
            return event.answered() ? null : messageId; // answered elsewhere: kept, not answered twice
        });
        if (id != null) {
            metrics.messageIn(event.provider());
        }
        return id;
    }

    private void updateStatus(WebhookEvent event) {
        MessageStatus status = event.status();
        metrics.statusCallback(event.provider(), status.dbValue());
        // The answers merged into the message the provider names (Outbox.claim) share its status.
        db.writeDurably(c -> firstTime(c, event) ? Sql.update(c, "UPDATE messages SET status = ?, updated_at = ?"
                + " WHERE status IN (" + status.lowerRanksSqlList() + ") AND id IN (SELECT s.id FROM messages s"
                + " WHERE s.provider = ? AND s.direction = 'out' AND s.provider_message_id = ?"
                + " UNION SELECT o.message_id FROM messages s JOIN outbox h ON h.message_id = s.id"
                + " JOIN outbox o ON o.merged_into = h.id AND o.state = 'merged'"
                + " WHERE s.provider = ? AND s.direction = 'out' AND s.provider_message_id = ?)", status.dbValue(),
                clock.millis(), event.provider(), event.providerMessageId(), event.provider(),
                event.providerMessageId()) : 0);
    }

    /** Records the event's idempotency key in this transaction when SQLite keeps the keys; false if it was there. */
    private boolean firstTime(Connection c, WebhookEvent event) throws SQLException {
        return sqliteKeys == null || sqliteKeys.insert(c, event.idempotencyKey());
    }

    /** How many guest messages wait for the concierge's decision. */
    public long pending() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND processed_at IS NULL"));
    }

    /** Inbound messages the concierge has not decided on yet, older than the in-process hand-off. */
    public List<Long> unprocessed(long olderThanMillis) {
        long cutoff = clock.millis() - olderThanMillis;
        return db.read(c -> Sql.list(c, "SELECT id FROM messages WHERE direction = 'in' AND processed_at IS NULL"
                + " AND created_at <= ? ORDER BY id LIMIT 1000", row -> row.getLong(1), cutoff));
    }
}
