package io.conciergehub.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.Failures;
import io.conciergehub.events.DeadLetters;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.guest.GuestRepository.Reach;
import io.conciergehub.ops.CostMeter;
import io.conciergehub.ops.Metrics;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The outbound work queue behind the {@code outbox} routes.
 *
 * <p>Row life cycle: {@code queued} (also while its pacing holds it, see {@link #reserve}) →
 * {@code sending} (claimed by one exchange, its send started in the same transaction) → {@code done}, or
 * {@code held} (24-hour window closed and no template configured), {@code cancelled} (guest opted
 * out, or a journey message's booking was cancelled since it was queued, or its step's last day
 * passed before it could go; its message is held, not failed: nothing went wrong), {@code dead}
 * (dead letter), or
 * {@code merged} (sent as part of the row {@code merged_into} names). {@code send_started_at} is set
 * only while a request may be at the provider: a row found that way after a crash may have been
 * delivered, so it is dead-lettered for staff instead of being sent a second time.
 *
 * <p>Order: the messages to one guest leave one at a time, in the order of what caused them (an
 * answer: the guest's message it answers; any other message: itself), see {@link #claim}. Answers
 * that queued behind the one being paced go out with it as one message, see {@link #mergeBehind}.
 * A journey message waiting for the end of the journey's quiet hours holds nobody's line.
 */
public final class Outbox {

    public static final String PURPOSE_REPLY = "reply";
    public static final String PURPOSE_OPT_OUT = "opt-out-confirmation";
    public static final String PURPOSE_COMMAND = "command";
    public static final String PURPOSE_JOURNEY = "journey";
    /** A notice the watchers send of a change in the world (a flight delay, a weather alert). */
    public static final String PURPOSE_NOTICE = "notice";
    /** A staff member's reply from the console (console/InboxApi); the message names them (sent_by). */
    public static final String PURPOSE_STAFF = "staff";
    static final Duration WINDOW = Duration.ofHours(24);
    /** Between the answers merged into one message. */
    static final String ANSWER_SEPARATOR = "\n\n";
    /** Why an answer the provider may have is a dead letter: nobody can tell whether it went out. */
    static final String MAYBE_DELIVERED = "interrupted while the provider had the request: it may have been delivered,"
            + " not resent";
    /** What a merged message may not grow beyond: WhatsApp's limit on a text message's body. */
    static final int MAX_MERGED_LENGTH = 4096;
    /**
     * Where a row stands in its guest's line, {@code m} its message: an answer where the guest's
     * message it answers arrived (messages share one sequence of ids), any other message where it
     * was written. Concierge workers commit out of order, so the outbox id does not say.
     */
    static final String ORDER_KEY = "COALESCE(m.in_reply_to, m.id)";

    /** The route that sends (messaging-outbox.camel.yaml). */
    public static final String SENDER_ROUTE = "outbox-dispatch";

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Database db;
    private final GuestRepository guests;
    private final Metrics metrics;
    private final CostMeter costs;
    private final EventBuffer events;
    private final String provider;
    private final String windowTemplate;
    private final Duration circuitOpenDelay;
    private final Clock clock;
    private final BooleanSupplier sendingPaused;
    private final LongSupplier sendingEpoch;
    private final LongSupplier knownEpoch;
    private final JourneyCheck journey;
    /** Rows between {@link #reserve} and {@link #claim}: waiting in the pacing, still queued. */
    private final Set<Long> pacing = ConcurrentHashMap.newKeySet();

    /**
     * What the journey (a higher layer, which binds it as {@code journeyCheck}) says of one of its
     * messages when the outbox is about to send it: queued before a cancellation, a move of the
     * stay, the quiet hours or the end of its step's day, it may have waited in the outbox (sending
     * paused, the provider down) until after them.
     */
    public interface JourneyCheck {
        /** Whether a journey message goes, and if not, why. */
        enum Verdict {
            GOES,
            /** Its booking has been cancelled since it was queued. */
            BOOKING_CANCELLED,
            /** The last day its step may go on will have passed when it goes. */
            DAY_PASSED,
            /** The day it names is no longer its booking's: the stay moved since it was queued. */
            DATE_CHANGED
        }

        /**
         * Whether the journey row {@code outboxId} may still go at {@code goesAt} (now, or the end of
         * the quiet hours it would be put off to); one query.
         */
        Verdict verdict(Connection c, long outboxId, long goesAt) throws SQLException;

        /**
         * The journey row {@code outboxId} was cancelled for {@link Verdict#DATE_CHANGED}, in this
         * transaction: its step is to be queued again for the booking's dates.
         */
        void dateChanged(Connection c, long outboxId) throws SQLException;

        /** When the journey's quiet hours that {@code now} falls in end, or null outside them. */
        Long quietUntil(long now);
    }

    /** Thrown instead of starting a send on a node that is not (or no longer) the active one. */
    public static final class NotActive extends RuntimeException {
        NotActive() {
            super("this node is not the active node: it sends nothing", null, false, false);
        }
    }

    /**
     * @param sendingEpoch  the epoch this node sends under, or -1 when it must not send (failover)
     * @param knownEpoch    the highest epoch this node knows of, a peer's included (failover): above
     *                      a send's, another node holds the role
     * @param sendingPaused whether the sender is suspended (route control): a row handed to it in the
     *                      moment its consumer stops is left queued, for the sweep once it is resumed
     * @param journey       what the journey says of its messages at the send
     */
    public Outbox(Database db, GuestRepository guests, Metrics metrics, CostMeter costs, EventBuffer events,
            String provider,
            String windowTemplate, Duration circuitOpenDelay, LongSupplier sendingEpoch, LongSupplier knownEpoch,
            BooleanSupplier sendingPaused,
            JourneyCheck journey, Clock clock) {
        this.sendingEpoch = sendingEpoch;
        this.knownEpoch = knownEpoch;
        this.journey = journey;
        this.sendingPaused = sendingPaused;
        this.db = db;
        this.guests = guests;
        this.metrics = metrics;
        this.costs = costs;
        this.events = events;
        this.provider = provider;
        this.windowTemplate = blankToNull(windowTemplate);
        this.circuitOpenDelay = circuitOpenDelay;
        this.clock = clock;
    }

    /** Writes an outbound message and its outbox row inside the caller's transaction. */
    public long enqueue(Connection c, long guestId, Long inReplyTo, String text, String language, String intent,
            String purpose, long now) throws SQLException {
        return insert(c, guestId, inReplyTo, text, language, intent, purpose, null, null, null, null, null, now);
    }

    /**
     * Writes a staff member's reply inside the caller's transaction: free text (which the send holds
     * if the guest's 24-hour window has closed meanwhile, never swapped for messaging.window-template)
     * or a template with its fields. The message
     * names who wrote it ({@code sentBy}, {@code staff:<name>}). Returns the outbox row.
     */
    public long enqueueByStaff(Connection c, long guestId, String text, String templateName,
            Map<String, String> templateFields, String language, String sentBy, long now) throws SQLException {
        return insert(c, guestId, null, text, language, null, PURPOSE_STAFF, templateName,
                templateName == null ? null : fieldsJson(templateFields), null, null, sentBy, now);
    }

    /**
     * Until when free text may go to a guest who last wrote at {@code lastInboundAt} (WhatsApp's
     * 24-hour customer-service window), or null when it is closed at {@code now} or never opened.
     */
    public static Long windowOpenUntil(Long lastInboundAt, long now) {
        if (lastInboundAt == null) {
            return null;
        }
        long until = lastInboundAt + WINDOW.toMillis();
        return until > now ? until : null;
    }

    /**
     * Writes a message asked for through the API inside the caller's transaction: free text, or a
     * template (which may go out even when the guest's 24-hour window is closed).
     */
    public long enqueueCommanded(Connection c, long guestId, String text, String templateName,
            Map<String, String> templateFields, String language, long now) throws SQLException {
        return insert(c, guestId, null, text, language, null, PURPOSE_COMMAND, templateName,
                templateName == null ? null : fieldsJson(templateFields), null, null, null, now);
    }

    /**
     * Writes a scheduled message (the guest journey, a watcher's notice) inside the caller's transaction: the free
     * text goes while the guest's 24-hour window is open; when it is closed at the send, the
     * template {@code windowTemplate} (in {@code templateLanguage}, filled with
     * {@code templateFields}) goes instead, or, without one, the row is held like any free text.
     */
    public long enqueueScheduled(Connection c, String purpose, long guestId, String text, String language,
            String windowTemplate, String templateLanguage, Map<String, String> templateFields, long now)
            throws SQLException {
        return insert(c, guestId, null, text, language, null, purpose, null, fieldsJson(templateFields),
                blankToNull(windowTemplate), blankToNull(templateLanguage), null, now);
    }

    private long insert(Connection c, long guestId, Long inReplyTo, String text, String language, String intent,
            String purpose, String templateName, String templateFields, String windowTemplate, String templateLanguage,
            String sentBy, long now) throws SQLException {
        long messageId = Sql.insert(c, "INSERT INTO messages (guest_id, direction, provider, body, language, intent,"
                + " status, in_reply_to, sent_by, created_at, updated_at) VALUES (?, 'out', ?, ?, ?, ?, 'queued', ?, ?, ?, ?)",
                guestId, provider, guests.seal(text), language, intent, inReplyTo, sentBy, now, now);
        return Sql.insert(c, "INSERT INTO outbox (message_id, guest_id, purpose, template_name, template_fields,"
                + " window_template, template_language, state, next_attempt_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)", messageId, guestId, purpose, templateName,
                guests.seal(templateFields), windowTemplate, templateLanguage, now, now, now);
    }

    /** A template setting as written: trimmed, null when empty. */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Before the pacing: returns the row's guest (the key of the per-recipient spacing), or null
     * when the row is not to be paced now: sending is paused, the row is not queued, it is not its
     * guest's next (see {@link #nextInLine}), or another exchange paces it already (a copy the sweep
     * queued: paced too, it would take one of its guest's turns and hold the guest's next back). A
     * row that will not be sent (guest opted out, its journey booking cancelled, its stay moved or
     * its step's day passed, window closed without a template) is cancelled or held here, unpaced, and one that
     * must wait for the end of the journey's quiet hours is put off to then. Otherwise only reads: the row stays queued
     * while it waits, and {@link #claim} takes it after.
     */
    public Long reserve(@ExchangeProperty("outboxId") long outboxId) {
        if (sendingPaused.getAsBoolean() || pacing.contains(outboxId)) {
            return null;
        }
        long now = clock.millis();
        record Next(Row row, boolean goes) {
        }
        Next next = db.read(c -> {
            Optional<Long> guestId = nextInLine(c, outboxId, now);
            if (guestId.isEmpty()) {
                return null;
            }
            Row row = row(c, outboxId);
            return new Next(row, unsent(c, row, guests.findReach(c, guestId.get()).orElseThrow(), now) == null
                    && quietUntil(row, now) == null);
        });
        if (next == null) {
            return null;
        }
        Row row = next.row();
        if (!next.goes()) {
            // Cancelled, held or put off at once, checked again under the write lock: it takes none of its guest's turns.
            db.write(c -> nextInLine(c, outboxId, now).isPresent() && sendingEpoch.getAsLong() >= 0
                    && settledUnsent(c, row(c, outboxId), guests.findReach(c, row.guestId()).orElseThrow(), now));
            return null;
        }
        return pacing.add(outboxId) ? row.guestId() : null;
    }

    /**
     * After the pacing, in one write transaction: takes the row, joins it with the answers that
     * queued behind it meanwhile ({@link #mergeBehind}) and starts its send under this node's epoch
     * (a redelivery starts the next with {@link #beginAttempt}). Returns what to send, or null
     * when the row is not to be sent: taken already, no longer its guest's next, its guest opted out,
     * its journey booking was cancelled, its stay moved or its step's day passed meanwhile
     * (cancelled), held outside the 24-hour window, or a journey message put off to the end of the quiet hours.
     */
    public OutboundMessage claim(@ExchangeProperty("outboxId") long outboxId) {
        try {
            if (sendingPaused.getAsBoolean()) {
                return null;
            }
            long now = clock.millis();
            return db.write(c -> {
                // Still queued and its guest's next: the transaction holds the write lock from here on.
                if (nextInLine(c, outboxId, now).isEmpty()) {
                    return null;
                }
                long epoch = activeEpoch();
                Row row = row(c, outboxId);
                Reach reach = guests.findReach(c, row.guestId()).orElseThrow();
                if (settledUnsent(c, row, reach, now)) {
                    return null;
                }
                String windowTemplate = null;
                if (freeTextOutsideWindow(row, reach, now)) {
                    windowTemplate = windowTemplate(row);
                } else if (row.templateName() == null) {
                    mergeBehind(c, row, now);
                }
                return startAttempt(c, outboxId, epoch, windowTemplate, now);
            });
        } finally {
            // Claimed (no longer queued) or left queued for the sweep: either way no longer paced.
            pacing.remove(outboxId);
        }
    }

    /**
     * Why a row is not sent: the state it leaves the queue in, the reason recorded with it (its
     * {@code last_error}), and what the message then reads as ({@link Progress#reason}), which
     * {@link #progress} reads back from the reason.
     */
    private enum Unsent {
        CANCELLED("cancelled", "guest opted out", Progress.OPTED_OUT),
        BOOKING_CANCELLED("cancelled", "booking cancelled", Progress.BOOKING_CANCELLED),
        DAY_PASSED("cancelled", "its day passed", Progress.DAY_PASSED),
        DATE_CHANGED("cancelled", "its date changed", Progress.DATE_CHANGED),
        HELD("held", "24-hour window closed and no template to send instead", Progress.WINDOW_CLOSED);

        final String state;
        final String reason;
        final String progress;

        Unsent(String state, String reason, String progress) {
            this.state = state;
            this.reason = reason;
            this.progress = progress;
        }

        /** What a row cancelled with {@code lastError} reads as: an opt-out unless another reason says otherwise. */
        static String cancelledAs(String lastError) {
            return Arrays.stream(values()).filter(unsent -> unsent.state.equals("cancelled")
                    && unsent.reason.equals(lastError)).map(unsent -> unsent.progress).findFirst()
                    .orElse(Progress.OPTED_OUT);
        }
    }

    /**
     * Why the row will not be sent, or null when it goes: its guest opted out (only the opt-out
     * confirmation still goes), it is a journey message whose booking was cancelled after it was
     * queued, whose stay moved since (it names the old date) or whose step's last day will have
     * passed when it goes (now, or at the end of the quiet hours), or it is free text outside the
     * 24-hour window with no template to send instead.
     */
    private Unsent unsent(Connection c, Row row, Reach guest, long now) throws SQLException {
        if (guest.optedOut() && !PURPOSE_OPT_OUT.equals(row.purpose())) {
            return Unsent.CANCELLED;
        }
        if (PURPOSE_JOURNEY.equals(row.purpose())) {
            Long until = journey.quietUntil(now);
            JourneyCheck.Verdict verdict = journey.verdict(c, row.id(), until == null ? now : until);
            Unsent cancelled = switch (verdict) {
                case GOES -> null;
                case BOOKING_CANCELLED -> Unsent.BOOKING_CANCELLED;
                case DAY_PASSED -> Unsent.DAY_PASSED;
                case DATE_CHANGED -> Unsent.DATE_CHANGED;
            };
            if (cancelled != null) {
                return cancelled;
            }
        }
        return freeTextOutsideWindow(row, guest, now) && windowTemplate(row) == null ? Unsent.HELD : null;
    }

    /** When a journey message may go, inside the journey's quiet hours: at their end; null for any other. */
    private Long quietUntil(Row row, long now) {
        return PURPOSE_JOURNEY.equals(row.purpose()) ? journey.quietUntil(now) : null;
    }

    private static boolean freeTextOutsideWindow(Row row, Reach guest, long now) {
        return row.templateName() == null && windowOpenUntil(guest.lastInboundAt(), now) == null;
    }

    /**
     * A template is allowed outside the window: the row's own (a scheduled message's), else, for
     * a concierge's answer alone, messaging.window-template. Any other free text (a journey step or
     * a notice without its template, a staff member's or a command's text) is held: a generic
     * template without its fields would stand for words the guest never gets.
     */
    private String windowTemplate(Row row) {
        if (row.windowTemplate() != null) {
            return row.windowTemplate();
        }
        return PURPOSE_REPLY.equals(row.purpose()) ? this.windowTemplate : null;
    }

    /**
     * Cancels (guest opted out, journey booking cancelled, stay moved or step's day passed) or holds (window
     * closed, no template) a row that will not be sent, or puts a journey message off to the end of
     * the quiet hours; false when the row goes now.
     */
    private boolean settledUnsent(Connection c, Row row, Reach guest, long now) throws SQLException {
        Unsent unsent = unsent(c, row, guest, now);
        if (unsent == null) {
            Long until = quietUntil(row, now);
            if (until == null) {
                return false;
            }
            // Still queued, due at their end: the sweep hands it on then.
            Sql.update(c, "UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE id = ?", until, now, row.id());
            LOG.info("event=outbox.quiet-hours outbox={} until={}", row.id(), Instant.ofEpochMilli(until));
            return true;
        }
        finish(c, row.id(), row.messageId(), unsent.state, MessageStatus.HELD, unsent.reason, now);
        if (unsent == Unsent.HELD) {
            LOG.warn("event=outbox.held outbox={} guest={} reason=window-closed", row.id(), row.guestId());
        } else if (unsent != Unsent.CANCELLED) {
            if (unsent == Unsent.DATE_CHANGED) {
                journey.dateChanged(c, row.id());
            }
            LOG.info("event=outbox.cancelled outbox={} guest={} reason={}", row.id(), row.guestId(), unsent.progress);
        }
        return true;
    }

    /**
     * The guest of the queued row when it may be sent now, being due (not deferred while the
     * provider's circuit is open), without overtaking another message to its guest: no other row of the guest is in flight, none ahead of it in the line
     * ({@link #ORDER_KEY}) is still queued (held, cancelled, dead, sent and merged ones do not count:
     * they left the line; nor does a journey message put off to later, as to the end of the quiet
     * hours: the answers to what the guest writes at night do not wait for the morning), and, for
     * an answer, no earlier message of the guest still waits for the concierge (its answer would go
     * ahead of this one).
     */
    private static Optional<Long> nextInLine(Connection c, long outboxId, long now) throws SQLException {
        return Sql.one(c, "SELECT r.guest_id FROM (SELECT o.id, o.guest_id, m.in_reply_to, " + ORDER_KEY + " AS line"
                + " FROM outbox o JOIN messages m ON m.id = o.message_id WHERE o.id = ? AND o.state = 'queued'"
                + " AND o.next_attempt_at <= ?) r"
                + " WHERE NOT EXISTS (SELECT 1 FROM outbox o JOIN messages m ON m.id = o.message_id"
                + " WHERE o.guest_id = r.guest_id AND o.id <> r.id AND (o.state = 'sending' OR (o.state = 'queued'"
                + " AND NOT (o.purpose = ? AND o.next_attempt_at > ?)"
                + " AND (" + ORDER_KEY + " < r.line OR (" + ORDER_KEY + " = r.line AND o.id < r.id)))))"
                + " AND NOT (r.in_reply_to IS NOT NULL AND EXISTS (SELECT 1 FROM messages i WHERE i.direction = 'in'"
                + " AND i.processed_at IS NULL AND i.guest_id = r.guest_id AND i.id < r.line))",
                row -> row.getLong(1), outboxId, now, PURPOSE_JOURNEY, now);
    }

    /**
     * The row of the guest of {@code outboxId} that may go now, if any: after a row left the line
     * (sent, dead-lettered, held, cancelled), the guest's next one is handed on at once instead of
     * waiting for the sweep.
     */
    public Long next(@ExchangeProperty("outboxId") long outboxId) {
        long now = clock.millis();
        try {
            return db.read(c -> {
                Optional<Long> first = Sql.one(c, "SELECT o.id FROM outbox o JOIN messages m ON m.id = o.message_id"
                        + " WHERE o.guest_id = (SELECT guest_id FROM outbox WHERE id = ?) AND o.state = 'queued'"
                        + " AND o.next_attempt_at <= ? ORDER BY " + ORDER_KEY + ", o.id LIMIT 1",
                        row -> row.getLong(1), outboxId, now);
                // A row being paced is on its way already.
                return first.isPresent() && !pacing.contains(first.get()) && nextInLine(c, first.get(), now).isPresent()
                        ? first.get() : null;
            });
        } catch (RuntimeException e) {
            // Only a hand-off: the sweep finds the row; the message just sent must not fail for it.
            LOG.warn("event=outbox.next-failed outbox={} error=\"{}\"", outboxId, e.toString());
            return null;
        }
    }

    /**
     * Inside {@link #claim}, for a free-text row: the plain-text answers that queued for the same
     * guest behind it (while the per-recipient spacing held it) join it, in order, as one message.
     * They are marked {@code merged} into it in the transaction that starts its send, so they go
     * out with it, once, or fail with it. Only answers merge, and only up to the first row or guest
     * message that must keep its own place: a template, a confirmation or a commanded message, or a
     * message the concierge has not answered yet.
     */
    private void mergeBehind(Connection c, Row head, long now) throws SQLException {
        long outboxId = head.id();
        // Most sends have nothing queued behind them.
        if (Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE guest_id = ? AND state = 'queued' AND id <> ?",
                head.guestId(), outboxId) == 0) {
            return;
        }
        Optional<Long> line = Sql.one(c, "SELECT " + ORDER_KEY + " FROM outbox o JOIN messages m ON m.id = o.message_id"
                + " WHERE o.id = ? AND o.purpose = ? AND m.in_reply_to IS NOT NULL", row -> row.getLong(1), outboxId,
                PURPOSE_REPLY);
        if (line.isEmpty()) {
            return;
        }
        long unanswered = Sql.one(c, "SELECT MIN(id) FROM messages WHERE direction = 'in' AND processed_at IS NULL"
                + " AND guest_id = ?", row -> row.getObject(1) == null ? Long.MAX_VALUE : row.getLong(1),
                head.guestId()).orElse(Long.MAX_VALUE);
        int length = Sql.list(c, "SELECT m.body FROM outbox o JOIN messages m ON m.id = o.message_id WHERE o.id = ?"
                + " OR (o.merged_into = ? AND o.state = 'merged')", row -> guests.open(row.getString(1)),
                outboxId, outboxId).stream().mapToInt(text -> text.length() + ANSWER_SEPARATOR.length()).sum();
        List<Candidate> behind = Sql.list(c, "SELECT o.id, o.state, o.purpose, o.template_name, m.in_reply_to, "
                + ORDER_KEY + ", m.body FROM outbox o JOIN messages m ON m.id = o.message_id WHERE o.guest_id = ?"
                + " AND o.id <> ? AND o.state IN ('queued', 'sending') AND " + ORDER_KEY + " > ?"
                + " ORDER BY " + ORDER_KEY + ", o.id", row -> new Candidate(row.getLong(1), row.getString(2),
                        row.getString(3), row.getString(4), row.getObject(5) != null, row.getLong(6),
                        guests.open(row.getString(7))), head.guestId(), outboxId, line.get());
        for (Candidate next : behind) {
            if (next.line() > unanswered || !"queued".equals(next.state()) || !PURPOSE_REPLY.equals(next.purpose())
                    || next.templateName() != null || !next.answer() || next.text() == null) {
                break;
            }
            length += next.text().length() + ANSWER_SEPARATOR.length();
            if (length > MAX_MERGED_LENGTH) {
                break;
            }
            Sql.update(c, "UPDATE outbox SET state = 'merged', merged_into = ?, updated_at = ?"
                    + " WHERE id = ? AND state = 'queued'", outboxId, now, next.id());
        }
    }

    private record Candidate(long id, String state, String purpose, String templateName, boolean answer, long line,
            String text) {
    }

    /** The row and the rows merged into it, in their guest's line. */
    private static List<Row> withMerged(Connection c, Row row) throws SQLException {
        List<Row> rows = new ArrayList<>(List.of(row));
        rows.addAll(Sql.list(c, "SELECT " + ROW_COLUMNS_OF_O + " FROM outbox o"
                + " JOIN messages m ON m.id = o.message_id WHERE o.merged_into = ? AND o.state = 'merged'"
                + " ORDER BY " + ORDER_KEY + ", o.id", Outbox::mapRow, row.id()));
        return rows;
    }

    /**
     * A redelivery: the claimed row's next request to the provider starts (its first started with
     * {@link #claim}), only while this node is still active under the epoch of that claim
     * ({@code sendEpoch}) and the row is still in its send. A node that lost the role meanwhile,
     * even if it holds it again, left the row to the recovery of whoever became active
     * ({@link #recoverInterrupted}), which may have dead-lettered or queued it again. Returns what to send.
     */
    public OutboundMessage beginAttempt(@ExchangeProperty("outboxId") long outboxId,
            @ExchangeProperty("sendEpoch") Long sendEpoch) {
        long now = clock.millis();
        return db.write(c -> {
            if (sendEpoch == null || activeEpoch() != sendEpoch || !inSend(c, outboxId, sendEpoch)) {
                throw new NotActive();
            }
            return startAttempt(c, outboxId, sendEpoch, null, now);
        });
    }

    /**
     * SQL: the row is still in the send its exchange claimed under the epoch bound to the {@code ?}
     * (never for a null {@code sendEpoch}: the exchange claimed nothing).
     */
    private static final String IN_SEND = "(state = 'sending' AND epoch = ?)";

    /**
     * SQL, over a row's {@code state} and {@code send_started_at} columns as named by the caller:
     * its request may be at the provider. A send interrupted in this state is never sent again by
     * itself (it becomes a "may have been delivered" dead letter, {@link #recoverInterrupted}); one
     * interrupted before it is queued again. The salvage of a node that stops being active judges
     * its answers by the same rule.
     */
    public static String mayBeAtProvider(String state, String sendStartedAt) {
        return "(" + state + " = 'sending' AND " + sendStartedAt + " IS NOT NULL)";
    }

    /** The states a send can be in when the provider confirms it late: settled, not sent nor in another send. */
    private static final Set<String> LATE_CONFIRMABLE = Set.of("queued", "dead", "held", "cancelled");

    /** Whether the row is still in the send its exchange claimed under {@code sendEpoch}. */
    private static boolean inSend(Connection c, long outboxId, Long sendEpoch) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE id = ? AND " + IN_SEND, outboxId, sendEpoch) > 0;
    }

    /**
     * Right before the provider call, after the peer's acknowledgement: a node that learnt of a
     * higher epoch while its send waited (the peer answered the shipment with it: it holds the role)
     * sends nothing. The request never left, so the row goes back to the queue, and
     * {@link #settleFenced} leaves it there: a guest message whose answer is unsent is relayed to the
     * active node when this one rejoins. A node merely handing the role over (passive, no higher
     * epoch) finishes the send, which the peer already knows of.
     */
    public void requireSendingUnder(@ExchangeProperty("outboxId") long outboxId,
            @ExchangeProperty("sendEpoch") long sendEpoch) {
        if (knownEpoch.getAsLong() > sendEpoch) {
            db.write(c -> Sql.update(c, "UPDATE outbox SET send_started_at = NULL, updated_at = ? WHERE id = ? AND "
                    + IN_SEND, clock.millis(), outboxId, sendEpoch));
            throw new NotActive();
        }
    }

    /** The epoch this node sends under; a node that is not active (fenced by a higher epoch) starts nothing. */
    private long activeEpoch() {
        long epoch = sendingEpoch.getAsLong();
        if (epoch < 0) {
            throw new NotActive();
        }
        return epoch;
    }

    /**
     * Marks the row {@code sending} and the start of a request to the provider, in one statement
     * (one change for a standby to apply), and returns what to send: the row's text with the
     * answers merged into it, or its template.
     *
     * @param windowTemplate the template to send instead of the free text (null: as the row says)
     */
    private OutboundMessage startAttempt(Connection c, long outboxId, long epoch, String windowTemplate, long now)
            throws SQLException {
        Sql.update(c, "UPDATE outbox SET state = 'sending', template_name = COALESCE(?, template_name),"
                + " send_started_at = ?, epoch = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?",
                windowTemplate, now, epoch, now, outboxId);
        String merged = String.join("", Sql.list(c, "SELECT m.body FROM outbox o JOIN messages m ON m.id = o.message_id"
                + " WHERE o.merged_into = ? AND o.state = 'merged' ORDER BY " + ORDER_KEY + ", o.id",
                row -> ANSWER_SEPARATOR + guests.open(row.getString(1)), outboxId));
        // A template goes in its own language when the row names one (a scheduled message's template).
        return Sql.one(c, "SELECT o.id, o.message_id, o.guest_id, o.template_name, o.template_fields, m.body,"
                + " CASE WHEN o.template_name IS NOT NULL AND o.template_language IS NOT NULL"
                + " THEN o.template_language ELSE m.language END AS language"
                + " FROM outbox o JOIN messages m ON m.id = o.message_id WHERE o.id = ?",
                row -> new OutboundMessage(row.getLong("id"), row.getLong("message_id"),
                        guests.findPhone(c, row.getLong("guest_id")).orElseThrow(),
                        guests.open(row.getString("body")) + merged,
                        row.getString("language"), row.getString("template_name"),
                        fields(guests.open(row.getString("template_fields"))), epoch), outboxId).orElseThrow();
    }

    /**
     * Records a failed attempt of the send claimed under {@code sendEpoch}. When the provider
     * certainly did not take the message (it answered with an error, or could not be reached) the
     * row is safe to send again after a crash. A row no longer in that send (settled by a new active
     * spell's recovery, perhaps sent again since) is left as it is: this late failure says nothing of it.
     * Nor is one not claimed yet ({@code sendEpoch} null: it failed before; {@link #deadLetter} records that).
     */
    public void attemptFailed(long outboxId, Long sendEpoch, String error, boolean certainlyNotDelivered) {
        long now = clock.millis();
        db.write(c -> Sql.update(c, "UPDATE outbox SET last_error = ?, updated_at = ?"
                + (certainlyNotDelivered ? ", send_started_at = NULL" : "")
                + " WHERE id = ? AND " + IN_SEND, error, now, outboxId, sendEpoch));
    }

    /**
     * The provider took the request of the send claimed under {@code sendEpoch}. Usually the row is
     * still in that send. Confirmed late, after this node lost the role and took it back, the row
     * was settled meanwhile: a "may have been delivered" dead letter of the recovery, perhaps
     * replayed by staff since and queued, held or failed again. It was delivered: it becomes sent,
     * and its waiting dead letter goes, lest a replay give the guest a second copy. A row in
     * another send by now (a replay at the provider) or already sent is left as it is.
     */
    public void markSent(@ExchangeProperty("outboxId") long outboxId,
            @ExchangeProperty("providerMessageId") String providerMessageId,
            @ExchangeProperty("sendEpoch") Long sendEpoch) {
        long now = clock.millis();
        String outcome = db.write(c -> {
            Row row = row(c, outboxId);
            boolean inThisSend = "sending".equals(row.state()) && sendEpoch != null && sendEpoch == row.epoch();
            boolean confirmedLate = !inThisSend && LATE_CONFIRMABLE.contains(row.state());
            if (!inThisSend && !confirmedLate) {
                return row.state(); // in another send by now, or sent already
            }
            if (confirmedLate) {
                DeadLetters.withdraw(c, "outbox", String.valueOf(outboxId));
            }
            Sql.update(c, "UPDATE outbox SET state = 'done', send_started_at = NULL, last_error = NULL, updated_at = ?"
                    + " WHERE id = ?", now, outboxId);
            if (row.templateName() != null) {
                costs.charge(c, CostMeter.Item.TEMPLATE, 1);
            }
            for (Row sent : withMerged(c, row)) {
                events.publish(c, "message.sent", Map.of("messageId", sent.messageId(), "guestId", sent.guestId(),
                        "purpose", sent.purpose()));
            }
            // The provider's id names the head's message; the merged ones follow it (Inbox's status
            // callbacks). A status a callback already advanced (delivered, read) stays.
            Sql.update(c, "UPDATE messages SET status = CASE WHEN status IN ('queued', 'held'"
                    + (confirmedLate ? ", 'failed'" : "") + ") THEN 'sent' ELSE status END,"
                    + " provider_message_id = CASE WHEN id = ? THEN ? ELSE provider_message_id END, updated_at = ?"
                    + " WHERE id = ? OR id IN (SELECT message_id FROM outbox WHERE merged_into = ? AND state = 'merged')",
                    row.messageId(), providerMessageId, now, row.messageId(), outboxId);
            return confirmedLate ? "confirmed-late" : "sent";
        });
        if (!"sent".equals(outcome)) {
            // Staff may have seen its dead letter (confirmed late), or the guest may get it twice (in another send).
            LOG.warn("event=outbox.late-confirmation outbox={} outcome={}", outboxId, outcome);
        }
        if ("sent".equals(outcome) || "confirmed-late".equals(outcome)) {
            metrics.messageOut(provider, "sent");
        }
    }

    /**
     * The provider's circuit is open: the row goes back to the queue until it may close again (if
     * it is still in this exchange's send: not one that a new active spell's recovery settled).
     */
    public void deferWhileCircuitOpen(@ExchangeProperty("outboxId") long outboxId,
            @ExchangeProperty("sendEpoch") Long sendEpoch) {
        long now = clock.millis();
        long delayMillis = circuitOpenDelay.toMillis();
        db.write(c -> Sql.update(c, "UPDATE outbox SET state = 'queued', send_started_at = NULL,"
                + " attempts = MAX(attempts - 1, 0), next_attempt_at = ?, updated_at = ? WHERE id = ?"
                + " AND " + IN_SEND, now + delayMillis, now, outboxId, sendEpoch));
    }

    /**
     * The node was fenced (or lost the role since the claim, {@code sendEpoch}) before an attempt
     * started. A row still in the send this exchange claimed is settled as the recovery of the
     * node that becomes active would settle it ({@link #settleInterrupted}). (Left in its send, it would hold its guest's line if this node resumed the
     * role without a recovery, as after a hand-back that failed.) A row whose claim was refused is
     * still queued; one that a new active spell's recovery settled is left as it is.
     */
    public void settleFenced(@ExchangeProperty("outboxId") long outboxId,
            @ExchangeProperty("sendEpoch") Long sendEpoch) {
        long now = clock.millis();
        boolean deadLettered = db.write(c -> inSend(c, outboxId, sendEpoch)
                && settleInterrupted(c, row(c, outboxId), now));
        if (deadLettered) {
            metrics.messageOut(provider, "failed");
            LOG.warn("event=outbox.dead-letter outbox={} error=\"{}\"", outboxId, MAYBE_DELIVERED);
        }
    }

    /**
     * Final failure: the row leaves the queue and a dead letter records why. Only a row still
     * queued when this exchange claimed nothing (it failed before its claim) or still in this
     * exchange's send: not one that a new active spell's recovery settled, or staff replayed since.
     */
    public void deadLetter(@ExchangeProperty("outboxId") long outboxId,
            @ExchangeProperty("sendEpoch") Long sendEpoch, @ExchangeProperty("CamelExceptionCaught") Throwable cause) {
        String error = Failures.stored(cause);
        long now = clock.millis();
        pacing.remove(outboxId); // failed between its pacing and its claim
        boolean deadLettered = db.write(c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE id = ? AND ((state = 'queued' AND ? IS NULL) OR "
                    + IN_SEND + ")", outboxId, sendEpoch, sendEpoch) == 0) {
                return false;
            }
            deadLetter(c, row(c, outboxId), error, now);
            return true;
        });
        if (deadLettered) {
            metrics.messageOut(provider, "failed");
            LOG.error("event=outbox.dead-letter outbox={} error=\"{}\"", outboxId, Failures.logged(cause));
        }
    }

    /** A replayed dead letter: the row and its message queued again, attempts reset, due now. */
    public void replay(Connection c, long outboxId, long now) throws SQLException {
        Sql.update(c, "UPDATE outbox SET state = 'queued', attempts = 0, send_started_at = NULL,"
                + " last_error = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ?", now, now, outboxId);
        Sql.update(c, "UPDATE messages SET status = 'queued', updated_at = ? WHERE id IN"
                + " (SELECT message_id FROM outbox WHERE id = ? OR (merged_into = ? AND state = 'merged'))",
                now, outboxId, outboxId);
    }

    /**
     * After a restart: rows claimed but not yet at the provider go back to the queue; rows that were
     * at the provider when the process died are dead-lettered, never sent twice.
     */
    public int recoverInterrupted() {
        long now = clock.millis();
        pacing.clear(); // on becoming active: whatever an earlier active spell paced is found again by the sweep
        return db.write(c -> {
            List<Row> interrupted = Sql.list(c, "SELECT " + ROW_COLUMNS + " FROM outbox WHERE state = 'sending'",
                    Outbox::mapRow);
            int uncertain = 0;
            for (Row row : interrupted) {
                uncertain += settleInterrupted(c, row, now) ? 1 : 0;
            }
            int requeued = interrupted.size() - uncertain;
            if (!interrupted.isEmpty()) {
                // Requeued sends need nobody; uncertain ones are dead letters for staff to check.
                LOG.atLevel(uncertain == 0 ? Level.INFO : Level.WARN).log(
                        "event=outbox.recovered requeued={} uncertain={}", requeued, uncertain);
            }
            return requeued;
        });
    }

    /**
     * A send that stopped before the provider answered: queued again when its last attempt
     * certainly did not reach the provider (no {@code send_started_at}), otherwise a "may have been
     * delivered" dead letter, never sent again. Returns whether it became a dead letter.
     */
    private boolean settleInterrupted(Connection c, Row row, long now) throws SQLException {
        if (Sql.update(c, "UPDATE outbox SET state = 'queued', updated_at = ? WHERE id = ? AND NOT "
                + mayBeAtProvider("state", "send_started_at"), now, row.id()) > 0) {
            return false;
        }
        deadLetter(c, row, MAYBE_DELIVERED, now);
        return true;
    }

    /**
     * Inside the caller's transaction: the answer to {@code inReplyTo} that another node was handing
     * to the provider when it stopped (relayed with the message). Recorded as {@link #recoverInterrupted}
     * records this node's own: a dead letter for staff, never sent again by itself.
     */
    public void recordMaybeDelivered(Connection c, long guestId, long inReplyTo, String text, String language,
            String intent, long now) throws SQLException {
        long outboxId = enqueue(c, guestId, inReplyTo, text, language, intent, PURPOSE_REPLY, now);
        deadLetter(c, row(c, outboxId), MAYBE_DELIVERED, now);
    }

    /** Rows due for sending that are not already in the in-process queue. */
    public List<Long> due(long olderThanMillis) {
        long now = clock.millis();
        // Each guest's line in order: a row behind another of its guest waits for it (claim).
        List<Long> due = db.read(c -> Sql.list(c, "SELECT o.id FROM outbox o JOIN messages m ON m.id = o.message_id"
                + " WHERE o.state = 'queued' AND o.next_attempt_at <= ? AND o.updated_at <= ?"
                + " ORDER BY " + ORDER_KEY + ", o.id LIMIT 1000", row -> row.getLong(1), now, now - olderThanMillis));
        due.removeIf(pacing::contains); // on their way already
        return due;
    }

    /**
     * Where queued messages stand, in the order of {@code outboxIds}: the message's status
     * ({@code queued}, {@code sent}, {@code delivered}, {@code read}, {@code held}, {@code failed})
     * and, for held and failed ones, why. A message retention has deleted ({@link MessageRetention})
     * is left out.
     */
    public List<Progress> progress(Connection c, List<Long> outboxIds) throws SQLException {
        List<Progress> progress = new ArrayList<>();
        for (long outboxId : outboxIds) {
            // A merged row went (or goes) out with its head: it reads as the head.
            Sql.one(c, "SELECT " + PROGRESS_COLUMNS + " FROM outbox o JOIN messages m ON m.id = o.message_id"
                    + " LEFT JOIN outbox h ON o.state = 'merged' AND h.id = o.merged_into WHERE o.id = ?",
                    Outbox::progress, outboxId)
                    .ifPresent(progress::add);
        }
        return progress;
    }

    /**
     * What {@link #progress(ResultSet)} reads, from a query over {@code messages m} joined with
     * {@link #PROGRESS_JOIN} (or with its outbox row {@code o} and that row's head {@code h}).
     */
    public static final String PROGRESS_COLUMNS = "m.id AS message_id, COALESCE(h.state, o.state) AS state,"
            + " CASE WHEN h.id IS NULL THEN o.last_error ELSE h.last_error END AS last_error, m.status";
    /** Each message's outbox row, if it has one, and the head a merged row went with. */
    public static final String PROGRESS_JOIN = " LEFT JOIN outbox o ON o.message_id = m.id"
            + " LEFT JOIN outbox h ON o.state = 'merged' AND h.id = o.merged_into";

    /**
     * A message's status and why it is held or failed, from a row of {@link #PROGRESS_COLUMNS}; a
     * message without an outbox row (one the guest wrote) reads as its status.
     */
    public static Progress progress(ResultSet row) throws SQLException {
        long messageId = row.getLong("message_id");
        String status = row.getString("status");
        String state = row.getString("state");
        return switch (state == null ? "" : state) {
            // The outbox holds only free text for a guest whose 24-hour window is closed.
            case "held" -> new Progress(messageId, MessageStatus.HELD.dbValue(), Progress.WINDOW_CLOSED);
            // Cancelled at the send: the guest had opted out, or a journey message's booking was
            // cancelled, its stay moved or its step's day passed. Not a failure, nothing went out.
            case "cancelled" -> new Progress(messageId, MessageStatus.HELD.dbValue(),
                    Unsent.cancelledAs(row.getString("last_error")));
            default -> MessageStatus.FAILED.dbValue().equals(status)
                    // No error on the row: the provider accepted it, then reported it failed.
                    ? new Progress(messageId, status, Optional.ofNullable(row.getString("last_error"))
                            .orElse("the provider reported the message failed"))
                    : new Progress(messageId, status, null);
        };
    }

    /** A queued message's status, and why it is held or failed (null otherwise). */
    public record Progress(long messageId, String status, String reason) {
        public static final String WINDOW_CLOSED = "window-closed";
        public static final String OPTED_OUT = "opted-out";
        public static final String BOOKING_CANCELLED = "booking-cancelled";
        /** A journey message whose step's last day passed before it could go. */
        public static final String DAY_PASSED = "day-passed";
        /** A journey message whose booking's stay moved before it could go: it named the old date. */
        public static final String DATE_CHANGED = "date-changed";
    }

    public long depth() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')"));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String fieldsJson(Map<String, String> fields) throws SQLException {
        try {
            return fields == null || fields.isEmpty() ? null : JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new SQLException("template fields are not serialisable", e);
        }
    }

    private static Map<String, String> fields(String json) throws SQLException {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("stored template fields are not JSON", e);
        }
    }

    /**
     * {@code windowTemplate}: the template a scheduled message goes as outside the 24-hour window;
     * {@code epoch}: the one its last send was claimed under (0 before its first).
     */
    private record Row(long id, long messageId, long guestId, String purpose, String templateName,
            String windowTemplate, String state, long epoch) {
    }

    private static final String ROW_COLUMNS = "id, message_id, guest_id, purpose, template_name, window_template,"
            + " state, epoch";
    /** The same columns of the table as joined under the name {@code o}. */
    private static final String ROW_COLUMNS_OF_O = ROW_COLUMNS.replaceAll("(\\w+)", "o.$1");

    private static Row mapRow(ResultSet r) throws SQLException {
        return new Row(r.getLong(1), r.getLong(2), r.getLong(3), r.getString(4), r.getString(5), r.getString(6),
                r.getString(7), r.getLong(8));
    }

    private static Row row(Connection c, long outboxId) throws SQLException {
        return Sql.one(c, "SELECT " + ROW_COLUMNS + " FROM outbox WHERE id = ?", Outbox::mapRow, outboxId).orElseThrow();
    }

    /** The row leaves the queue for good: its message failed, an event says so, a dead letter says why. */
    private void deadLetter(Connection c, Row row, String error, long now) throws SQLException {
        List<Row> failed = withMerged(c, row);
        finish(c, row.id(), row.messageId(), "dead", MessageStatus.FAILED, error, now);
        for (Row message : failed) {
            events.publish(c, "message.failed", Map.of("messageId", message.messageId(), "guestId", message.guestId(),
                    "purpose", message.purpose()));
        }
        DeadLetters.record(c, "outbox", String.valueOf(row.id()), error, null, now);
    }

    private static void finish(Connection c, long outboxId, long messageId, String state, MessageStatus status,
            String error, long now) throws SQLException {
        Sql.update(c, "UPDATE outbox SET state = ?, send_started_at = NULL, last_error = ?, updated_at = ? WHERE id = ?",
                state, error, now, outboxId);
        Sql.update(c, "UPDATE messages SET status = ?, updated_at = ? WHERE id = ? OR id IN"
                + " (SELECT message_id FROM outbox WHERE merged_into = ? AND state = 'merged')",
                status.dbValue(), now, messageId, outboxId);
    }
}
