package io.conciergehub.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.Backoff;
import io.conciergehub.api.Failures;
import io.conciergehub.api.RemoteCallException;
import io.conciergehub.api.RetryAfterDelay;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Domain events on their way to the cloud sink ({@code events.sink-url}). An event is written to
 * {@code buffered_events} in the same transaction as the change it reports, and leaves the table
 * only when the sink acknowledged it: the buffer is the queue, so events reach the sink in the
 * order they happened, survive restarts, and wait out a sink that is down. The {@code events}
 * routes send the oldest due event, one at a time.
 *
 * <p>A sink that cannot take events now (down, slow, or turning every call away: see
 * {@link #sinkUnavailable}) costs the event nothing: it stays first, however long that lasts; after
 * a call that timed out it is not sent again before {@code timeout} has passed, since the sink may
 * still be working on it. A sink that refuses the event itself makes it a dead letter at once, and
 * the next one goes. After any other failure (the sink still working on the event's key, 409 or 425,
 * included) an event waits {@code retryDelay × 2^(attempts-1)} (at most
 * {@code maxRetryDelay}); after {@code maxAttempts} it becomes a dead letter and the next one goes.
 * The hub's own payloads carry ids, never phone numbers or e-mail addresses; events from outside
 * may carry anything, so payloads are sealed at rest (here and in their dead letters).
 */
public final class EventBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(EventBuffer.class);

    /** The route that forwards the buffer (events.camel.yaml). */
    public static final String DRAIN_ROUTE = "events-drain";

    /** An event as the sink receives it. */
    public record Event(long sequence, String id, String type, Instant occurredAt, Object data, int attempts) {
    }

    /** What a drain did, as {@code POST /api/mesh/sync/queue} reports it. */
    public record FlushReport(int sent, int failed, long remaining) {
    }

    /** A drain in progress (one exchange of the {@code events-drain} route). */
    public static final class Drain {
        private final boolean ignoreSpacing;
        private int sent;
        private int failed;

        Drain(boolean ignoreSpacing) {
            this.ignoreSpacing = ignoreSpacing;
        }
    }

    /** Starts a drain: {@code flush} sends what is buffered now, spacing or not; {@code due} only what is due. */
    public Drain startDrain(@org.apache.camel.Body String mode) {
        return new Drain("flush".equals(mode));
    }

    public FlushReport report(@ExchangeProperty("drain") Drain drain) {
        FlushReport report = new FlushReport(drain.sent, drain.failed, size());
        if (report.sent() + report.failed() > 0) {
            LOG.info("event=events.drained sent={} failed={} remaining={}", report.sent(), report.failed(),
                    report.remaining());
        }
        return report;
    }

    private final Database db;
    private final ObjectMapper json;
    private final FieldCrypto crypto;
    /** Counts each attempt to forward, by outcome (delivered, failed, dead). */
    private final Consumer<String> forwarded;
    private final boolean enabled;
    private final int maxAttempts;
    private final Backoff backoff;
    /** How long the hub waits for the sink's answer ({@code events.timeout}). */
    private final long timeoutMillis;
    private final BooleanSupplier drainStopped;
    private final Clock clock;

    /**
     * @param drainStopped whether the drain must stop before its next event: its route is being
     *     suspended (the workers' pause, a fence, a hand-back) or this node is not the active one
     */
    public EventBuffer(Database db, ObjectMapper json, FieldCrypto crypto, Consumer<String> forwarded, boolean enabled, int maxAttempts,
            long retryDelayMillis, long maxRetryDelayMillis, long timeoutMillis, BooleanSupplier drainStopped, Clock clock) {
        this.db = db;
        this.json = json;
        this.crypto = crypto;
        this.forwarded = forwarded;
        this.enabled = enabled;
        this.maxAttempts = maxAttempts;
        this.backoff = new Backoff(retryDelayMillis, maxRetryDelayMillis);
        this.timeoutMillis = timeoutMillis;
        this.drainStopped = drainStopped;
        this.clock = clock;
    }

    /** Whether a sink is configured; without one no event is recorded. */
    public boolean enabled() {
        return enabled;
    }

    /** Records an event inside the caller's transaction (no-op without a sink). */
    public void publish(Connection c, String type, Map<String, ?> data) throws SQLException {
        if (enabled) {
            insert(c, "ev-" + UUID.randomUUID(), type, data, clock.millis());
        }
    }

    /** What became of an event from outside: stored now, or its id found buffered already. */
    public enum Accepted {
        /** Buffered now. */
        STORED,
        /** Buffered already with the same type and data: a retry, stored once. */
        DUPLICATE,
        /** Buffered already with another type or data: nothing stored. */
        CONFLICT
    }

    /**
     * An event from outside ({@code POST /api/mesh/events}); its own id, when given, keeps a retry
     * from duplicating it while the event is buffered. An event leaves the buffer once forwarded
     * (or dead-lettered): after that its id is not known here, and is taken for a new event.
     */
    public Accepted accept(String eventId, String type, Object data) {
        return db.writeDurably(c -> {
            if (insert(c, eventId, type, data, clock.millis()) == 1) {
                return Accepted.STORED;
            }
            Optional<Boolean> same = Sql.one(c, "SELECT type, payload FROM buffered_events WHERE event_id = ?",
                    row -> row.getString("type").equals(type) && sameData(row.getString("payload"), data), eventId);
            return same.orElseThrow(() -> new SQLException("event id conflicted but is not buffered"))
                    ? Accepted.DUPLICATE : Accepted.CONFLICT;
        });
    }

    private boolean sameData(String storedPayload, Object data) throws SQLException {
        try {
            return json.readTree(crypto.open(storedPayload)).equals(json.readTree(toJson(data)));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored event payload is not JSON", e);
        }
    }

    /** Buffers an event, due now; an event whose id is buffered already is not stored twice. */
    private int insert(Connection c, String eventId, String type, Object data, long occurredAt) throws SQLException {
        return Sql.update(c, "INSERT INTO buffered_events (event_id, type, payload, occurred_at, next_attempt_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING", eventId, type, crypto.seal(toJson(data)), occurredAt,
                clock.millis());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable", e);
        }
    }

    /**
     * The oldest event, if it is due (or {@code ignoreSpacing}); null when there is nothing to send
     * now, or the drain must stop (its route is being suspended, or this node is no longer active):
     * a backlog does not hold up a pause or a hand-back, nor reach the sink from a fenced node.
     */
    public Event next(@ExchangeProperty("drain") Drain drain) {
        if (!enabled || drainStopped.getAsBoolean()) {
            return null;
        }
        long now = clock.millis();
        // The oldest event only: the ones behind it wait for it, so the sink sees them in order.
        Optional<Event> oldest = db.read(c -> Sql.one(c, "SELECT id, event_id, type, occurred_at, payload, attempts"
                + " FROM buffered_events WHERE id = (SELECT MIN(id) FROM buffered_events) AND next_attempt_at <= ?",
                row -> {
                    try {
                        return new Event(row.getLong("id"), row.getString("event_id"), row.getString("type"),
                                Instant.ofEpochMilli(row.getLong("occurred_at")), json.readTree(crypto.open(row.getString("payload"))),
                                row.getInt("attempts"));
                    } catch (JsonProcessingException e) {
                        throw new SQLException("stored event payload is not JSON", e);
                    }
                }, drain.ignoreSpacing ? Long.MAX_VALUE : now));
        return oldest.orElse(null);
    }

    /** The body the sink receives (the {@code build} of the http-call template). */
    public Map<String, Object> build(@org.apache.camel.Body Event event) {
        return sinkBody(event);
    }

    private Map<String, Object> sinkBody(Event event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("occurredAt", event.occurredAt().toString());
        body.put("data", event.data());
        return body;
    }

    /** The sink acknowledged it: it leaves the buffer. */
    public void delivered(@ExchangeProperty("event") Event event, @ExchangeProperty("drain") Drain drain) {
        db.write(c -> Sql.update(c, "DELETE FROM buffered_events WHERE id = ?", event.sequence()));
        drain.sent++;
        forwarded.accept("delivered");
    }

    /**
     * The sink could not take the event: no answer or none in time, 5xx, or an answer that turns
     * every event away (a redirect, 401, 403, 404, 405, 407, 408, 429: its token or URL is wrong, or
     * it wants fewer calls). Not the event's fault: no attempt is counted and it stays first. The
     * sink's circuit breaker, which counted the failure, spaces the next tries; a {@code Retry-After}
     * holds the event, and so the whole buffer, that long. After a call that got no answer in time
     * the sink may still be working on it: the event waits {@code timeout} (or its Retry-After, if
     * longer), so that the next try does not run beside the first under the same Idempotency-Key.
     * Returns false: the drain stops.
     */
    public boolean sinkUnavailable(@ExchangeProperty("event") Event event, @ExchangeProperty("drain") Drain drain,
            @ExchangeProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT) Throwable cause) {
        drain.failed++;
        // A Retry-After longer than the longest back-off (a maintenance page's "a day") is not kept to.
        long wait = Math.max(Math.min(retryAfterMillis(cause), backoff.maxMillis()), timedOut(cause) ? timeoutMillis : 0);
        long due = clock.millis() + wait;
        String error = Failures.stored(cause);
        db.write(c -> Sql.update(c, "UPDATE buffered_events SET next_attempt_at = ?, last_error = ? WHERE id = ?", due,
                error, event.sequence()));
        forwarded.accept("failed");
        LOG.warn("event=events.sink-unavailable id={} type={} retryAfterMs={} error=\"{}\"", event.id(), event.type(),
                wait, Failures.logged(cause));
        return false;
    }

    /** No answer in time: the breaker's timeout, or the HTTP client's (a read or connect timeout). */
    private static boolean timedOut(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private static long retryAfterMillis(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RetryAfterDelay.RetryAfter later) {
                return later.getRetryAfterMillis();
            }
        }
        return 0;
    }

    /**
     * An attempt failed for a reason of the event's own: the sink refused it (any 4xx but those of
     * {@link #sinkUnavailable}), the sink is still working on its key (409, 425: an earlier attempt
     * the hub gave up waiting for; counted, and tried again after the back-off, not a dead letter), or
     * it could not be sent. Returns true when the event became a dead
     * letter (the next may go now), false when it waits for its next attempt (and the ones behind it
     * wait too, to keep the order).
     */
    public boolean failed(@ExchangeProperty("event") Event event, @ExchangeProperty("drain") Drain drain,
            @ExchangeProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT) Throwable cause) {
        drain.failed++;
        String error = Failures.stored(cause);
        // The sink refused this very event (400, 410, 413, 415, 422, …): it will never take it.
        boolean rejected = cause instanceof RemoteCallException.Rejected;
        long now = clock.millis();
        int attempts = event.attempts() + 1;
        boolean dead = rejected || attempts >= maxAttempts;
        String deadLetterPayload = dead ? crypto.seal(toJson(sinkBody(event))) : null;
        db.write(c -> {
            if (dead) {
                DeadLetters.record(c, "events", event.id(), error, deadLetterPayload, now);
                return Sql.update(c, "DELETE FROM buffered_events WHERE id = ?", event.sequence());
            }
            long delay = backoff.afterAttempts(attempts);
            return Sql.update(c, "UPDATE buffered_events SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                    attempts, now + delay, error, event.sequence());
        });
        forwarded.accept(dead ? "dead" : "failed");
        LOG.warn("event=events.send-failed id={} type={} attempts={} deadLetter={} error=\"{}\"", event.id(),
                event.type(), attempts, dead, Failures.logged(cause));
        return dead;
    }

    /** Puts a dead-lettered event back at the end of the buffer. */
    public void requeue(Connection c, String storedPayload) throws SQLException {
        try {
            var body = json.readTree(crypto.open(storedPayload));
            insert(c, body.path("id").asText(), body.path("type").asText(), body.path("data"),
                    Instant.parse(body.path("occurredAt").asText()).toEpochMilli());
        } catch (JsonProcessingException e) {
            throw new SQLException("dead letter payload is not an event", e);
        }
    }

    public long size() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM buffered_events"));
    }

    public Optional<Long> oldestAgeMillis() {
        return db.read(c -> Sql.one(c, "SELECT occurred_at FROM buffered_events ORDER BY id LIMIT 1",
                row -> clock.millis() - row.getLong(1)));
    }
}
