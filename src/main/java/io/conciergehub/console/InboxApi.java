package io.conciergehub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys.Caller;
import io.conciergehub.api.ApiKeys.Scope;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.api.HttpRequests;
import io.conciergehub.guest.Guest;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.journey.Journey;
import io.conciergehub.mesh.CommandStore;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.store.Database;
import io.conciergehub.store.Digests;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's inbox ({@code /api/console/conversations}, docs/console.md "Inbox"): the guests'
 * conversations, those needing staff first; one conversation with its messages decrypted and each
 * answer's state; and what staff do: reply, take, resolve (take and resolve refused, 409, while
 * another holds the conversation, unless an admin forces them).
 *
 * <p>A reply goes through the outbox like every answer (pacing, order, provider status callbacks):
 * free text while the guest's 24-hour window is open, a template with its fields at any time. Its
 * {@code Idempotency-Key} is kept per caller in {@code console_replies}, in the transaction that
 * queues the message, so a retried reply answers as the first did and sends nothing again. A reply
 * clears the guest's needs-staff flag and takes the conversation for its sender. Every change
 * leaves an audit row naming the caller ({@code staff:<name>} for an account).
 *
 * <p>A passive node (the standby) shows the replicated conversations; every change is refused
 * there, before it reaches this class, with 503 naming the active node (the routes' writes check,
 * {@code peerApi.requireActive}).
 */
public final class InboxApi {

    /** The outbox rows a reply queued, for the route to hand to the sender at once. */
    public static final String OUTBOX_TO_SEND = "outboxToSend";
    static final int LIST_LIMIT = 50;
    static final int MAX_LIST_LIMIT = 200;
    static final int MESSAGES_LIMIT = 200;
    static final int MAX_MESSAGES_LIMIT = 1000;
    static final int LAST_TEXT_LENGTH = 120;
    static final int MAX_TEXT = 4096;
    /** How long a reply's Idempotency-Key is remembered. */
    static final Duration KEY_LIFETIME = Duration.ofHours(24);

    private static final Logger LOG = LoggerFactory.getLogger(InboxApi.class);
    private static final String NO_SUCH_GUEST = "no guest with this id";
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final String GUEST_COLUMNS = "g.id, g.name, g.language, g.opted_out, g.needs_attention,"
            + " g.attention_reason, g.taken_by, g.taken_at, g.resolved_at";

    private final Database db;
    private final GuestRepository guests;
    private final Outbox outbox;
    private final Journey journey;
    private final ObjectMapper json;
    private final Clock clock;
    private final boolean numericTemplates;
    private final String defaultLanguage;

    /**
     * @param numericTemplates templates are named by Spoki's numeric ids (the provider is Spoki)
     */
    InboxApi(Database db, GuestRepository guests, Outbox outbox, Journey journey, ObjectMapper json,
            Clock clock, boolean numericTemplates, String defaultLanguage) {
        this.db = db;
        this.guests = guests;
        this.outbox = outbox;
        this.journey = journey;
        this.json = json;
        this.clock = clock;
        this.numericTemplates = numericTemplates;
        this.defaultLanguage = defaultLanguage;
    }

    /**
     * {@code GET /api/console/conversations?limit=&before=}: needing staff first, then the latest
     * message's time, newest first; {@code nextBefore}, when there are more, asks for the next page.
     */
    public ApiResponse list(Exchange exchange) {
        int limit = limit(exchange, "limit", LIST_LIMIT, MAX_LIST_LIMIT);
        ListPosition after = ListPosition.parse(HttpRequests.queryParameter(exchange.getMessage(), "before"));
        List<ListPosition> positions = new ArrayList<>();
        List<Map<String, Object>> conversations = db.read(c -> {
            positions.clear(); // a read is tried again when a snapshot replaced the database meanwhile
            return Sql.list(c, "SELECT " + GUEST_COLUMNS
                + ", m.body AS last_body, m.direction AS last_direction, m.created_at AS last_at FROM guests g"
                + " LEFT JOIN messages m ON m.id = (SELECT MAX(id) FROM messages WHERE guest_id = g.id)"
                + " WHERE (m.id IS NOT NULL OR g.needs_attention = 1)"
                + " AND (g.needs_attention, COALESCE(m.created_at, 0), g.id) < (?, ?, ?)"
                + " ORDER BY g.needs_attention DESC, COALESCE(m.created_at, 0) DESC, g.id DESC LIMIT ?", row -> {
                    Map<String, Object> conversation = guest(row);
                    Long lastAt = Sql.nullableLong(row, "last_at");
                    conversation.put("lastMessageAt", iso(lastAt));
                    conversation.put("lastText", shortened(guests.open(row.getString("last_body"))));
                    conversation.put("lastDirection", row.getString("last_direction"));
                    positions.add(new ListPosition(row.getInt("needs_attention"), lastAt == null ? 0 : lastAt,
                            row.getLong("id")));
                    return conversation;
                }, after.needsStaff(), after.lastAt(), after.guestId(), limit);
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("conversations", conversations);
        answer.put("nextBefore", positions.size() == limit ? positions.get(limit - 1).toString() : null);
        return ApiResponse.ok(answer);
    }

    /**
     * Where a page of the inbox ends, in its order (flag, latest message's time, guest id; each
     * descending): "1.1764900000000.42". The first page starts before every position.
     */
    record ListPosition(int needsStaff, long lastAt, long guestId) {

        private static final Pattern FORM = Pattern.compile("([01])\\.(\\d{1,15})\\.(\\d{1,18})");
        private static final ListPosition FIRST = new ListPosition(2, 0, 0);

        static ListPosition parse(String text) {
            if (text == null) {
                return FIRST;
            }
            Matcher form = FORM.matcher(text);
            if (!form.matches()) {
                throw HttpProblem.invalidField("before", "must be the nextBefore of the page before");
            }
            return new ListPosition(Integer.parseInt(form.group(1)), Long.parseLong(form.group(2)),
                    Long.parseLong(form.group(3)));
        }

        @Override
        public String toString() {
            return needsStaff + "." + lastAt + "." + guestId;
        }
    }

    /** {@code GET /api/console/conversations/{guestId}?limit=}: the guest, bookings, journey and the newest messages, oldest first. */
    public ApiResponse conversation(Exchange exchange) {
        long guestId = guestId(exchange);
        int limit = limit(exchange, "limit", MESSAGES_LIMIT, MAX_MESSAGES_LIMIT);
        long now = clock.millis();
        return db.read(c -> {
            Map<String, Object> guest = Sql.one(c, "SELECT " + GUEST_COLUMNS + ", g.last_inbound_at FROM guests g"
                    + " WHERE g.id = ?", row -> {
                        Map<String, Object> shown = guest(row);
                        shown.put("windowOpenUntil", iso(Outbox.windowOpenUntil(Sql.nullableLong(row, "last_inbound_at"), now)));
                        return shown;
                    }, guestId).orElseThrow(() -> HttpProblem.notFound(NO_SUCH_GUEST));
            List<Map<String, Object>> bookings = Sql.list(c, "SELECT COALESCE(reference, external_id), arrival,"
                    + " departure, status FROM bookings WHERE guest_id = ? ORDER BY arrival, id", row -> {
                        Map<String, Object> booking = new LinkedHashMap<>();
                        booking.put("reference", row.getString(1));
                        booking.put("checkIn", row.getString(2));
                        booking.put("checkOut", row.getString(3));
                        booking.put("status", row.getString(4));
                        return booking;
                    }, guestId);
            List<Map<String, Object>> messages = new ArrayList<>(Sql.list(c, "SELECT " + Outbox.PROGRESS_COLUMNS
                    + ", m.direction, m.body, m.created_at, m.sent_by, o.template_name FROM messages m"
                    + Outbox.PROGRESS_JOIN + " WHERE m.guest_id = ? ORDER BY m.id DESC LIMIT ?",
                    this::message, guestId, limit));
            Collections.reverse(messages);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("guest", guest);
            answer.put("bookings", bookings);
            answer.put("journey", journey.plan(c, guestId));
            answer.put("messages", messages);
            return ApiResponse.ok(answer);
        });
    }

    /**
     * {@code POST /api/console/conversations/{guestId}/reply} {text} or {template, fields}, header
     * Idempotency-Key: 202 {messageId, state} once the reply is on disk, as a webhook is acknowledged.
     * 409 opted out or taken by another; 422 free text outside the 24-hour window.
     */
    public ApiResponse reply(Exchange exchange) throws Exception {
        long guestId = guestId(exchange);
        String key = HttpRequests.header(exchange.getMessage(), "Idempotency-Key");
        if (key == null || !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw HttpProblem.invalidField("Idempotency-Key", "the header is required: 1 to 200 visible ASCII characters,"
                    + " the same for every retry of one reply");
        }
        JsonNode body = Fields.body(exchange, json);
        Fields.onlyKnown(body, "", Set.of("text", "template", "fields", "force"));
        String text = Fields.text(body, "text", "text", false, MAX_TEXT);
        String template = Fields.token(body, "template", "template", false);
        Map<String, String> fields = Fields.stringMap(body, "fields", "fields", 50);
        boolean force = force(exchange, body);
        if ((text == null) == (template == null)) {
            throw HttpProblem.invalidField("text", "give either text or a template (with its fields)");
        }
        if (template != null && numericTemplates && !Fields.SPOKI_TEMPLATE_ID.matcher(template).matches()) {
            throw HttpProblem.invalidField("template", "must be Spoki's numeric template id");
        }
        Caller caller = caller(exchange);
        String requestHash = Digests.sha256Hex(json.writeValueAsString(new Object[] {guestId, text, template, fields, force}));
        long now = clock.millis();
        List<Long> toSend = new ArrayList<>();
        long messageId = db.writeDurably(c -> {
            toSend.clear(); // only what the committed transaction queued
            Sql.update(c, "DELETE FROM console_replies WHERE created_at < ?", now - KEY_LIFETIME.toMillis());
            Optional<Replied> earlier = Sql.one(c, "SELECT message_id, request_hash FROM console_replies"
                    + " WHERE account = ? AND idempotency_key = ?", row -> new Replied(row.getLong(1), row.getString(2)),
                    caller.keyId(), key);
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash().equals(requestHash)) {
                    throw HttpProblem.conflict("this Idempotency-Key was used for another reply; use a new key");
                }
                return earlier.get().messageId();
            }
            Guest guest = guests.findById(c, guestId).orElseThrow(() -> HttpProblem.notFound(NO_SUCH_GUEST));
            if (guest.optedOut()) {
                throw new HttpProblem(409, "opted_out", "the guest opted out of messages: nothing can be sent to them");
            }
            Optional<String> holder = requireFree(c, guestId, caller, force).filter(held -> !held.equals(caller.keyId()));
            if (template == null && Outbox.windowOpenUntil(guest.lastInboundAt(), now) == null) {
                throw HttpProblem.unprocessable("window_closed", "template", "the guest's 24-hour window is closed:"
                        + " only a template (with its fields) may go to them now");
            }
            String language = guest.languageOr(defaultLanguage);
            long outboxId = outbox.enqueueByStaff(c, guestId, text, template, fields, language, caller.keyId(), now);
            long queued = Sql.one(c, "SELECT message_id FROM outbox WHERE id = ?", row -> row.getLong(1), outboxId)
                    .orElseThrow();
            Sql.insert(c, "INSERT INTO console_replies (account, idempotency_key, request_hash, guest_id, message_id,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?)", caller.keyId(), key, requestHash, guestId, queued, now);
            boolean cleared = guests.clearNeedsAttention(c, guestId, now);
            Sql.update(c, "UPDATE guests SET taken_by = ?, taken_at = CASE WHEN taken_by IS ? THEN taken_at ELSE ? END,"
                    + " resolved_at = NULL, resolved_by = NULL, updated_at = ? WHERE id = ?",
                    caller.keyId(), caller.keyId(), now, now, guestId);
            CommandStore.audit(c, caller.keyId(), "console.inbox.reply", "guest:" + guestId,
                    "queued:message:" + queued + (template != null ? ":template" : "") + (cleared ? ":flag-cleared" : "")
                    + holder.map(held -> ":forced:from:" + held).orElse(""), now);
            toSend.add(outboxId);
            return queued;
        });
        exchange.setProperty(OUTBOX_TO_SEND, toSend);
        if (!toSend.isEmpty()) {
            LOG.info("event=console.reply guest={} message={} by={}", guestId, messageId, caller.keyId());
        }
        return ApiResponse.accepted(Map.of("messageId", messageId, "state", "queued"));
    }

    /** {@code POST /api/console/conversations/{guestId}/take} {} or {force: true} (admin): 200 {takenBy, takenAt}; 409 held by another. */
    public ApiResponse take(Exchange exchange) throws Exception {
        long guestId = guestId(exchange);
        boolean force = forceOnly(exchange);
        Caller caller = caller(exchange);
        long now = clock.millis();
        return db.write(c -> {
            known(c, guestId);
            Optional<String> before = requireFree(c, guestId, caller, force);
            if (before.isPresent() && before.get().equals(caller.keyId())) {
                return ApiResponse.ok(taken(c, guestId));
            }
            Sql.update(c, "UPDATE guests SET taken_by = ?, taken_at = ?, resolved_at = NULL, resolved_by = NULL,"
                    + " updated_at = ? WHERE id = ?", caller.keyId(), now, now, guestId);
            CommandStore.audit(c, caller.keyId(), "console.inbox.take", "guest:" + guestId,
                    before.map(holder -> "forced:from:" + holder).orElse("taken"), now);
            return ApiResponse.ok(taken(c, guestId));
        });
    }

    /**
     * {@code POST /api/console/conversations/{guestId}/resolve} {} or {force: true} (admin): 200
     * {resolvedAt}; the flag and the take cleared. 409 held by another, as a take: resolving ends
     * the holder's take (and the concierge's silence for the guest), so it is the holder's or an admin's.
     */
    public ApiResponse resolve(Exchange exchange) throws Exception {
        long guestId = guestId(exchange);
        boolean force = forceOnly(exchange);
        Caller caller = caller(exchange);
        long now = clock.millis();
        return db.write(c -> {
            known(c, guestId);
            Optional<String> forcedFrom = requireFree(c, guestId, caller, force)
                    .filter(held -> !held.equals(caller.keyId()));
            boolean cleared = guests.clearNeedsAttention(c, guestId, now);
            Sql.update(c, "UPDATE guests SET taken_by = NULL, taken_at = NULL, resolved_at = ?, resolved_by = ?,"
                    + " updated_at = ? WHERE id = ?", now, caller.keyId(), now, guestId);
            CommandStore.audit(c, caller.keyId(), "console.inbox.resolve", "guest:" + guestId,
                    (cleared ? "resolved:flag-cleared" : "resolved") + forcedFrom.map(held -> ":forced:from:" + held)
                    .orElse(""), now);
            return ApiResponse.ok(Map.of("resolvedAt", iso(now)));
        });
    }

    /**
     * Refuses (409 naming the holder) when someone other than the caller holds the conversation,
     * unless an admin forces it; returns the holder before, if any.
     */
    private static Optional<String> requireFree(Connection c, long guestId, Caller caller, boolean force)
            throws SQLException {
        Optional<String> holder = Sql.one(c, "SELECT taken_by FROM guests WHERE id = ? AND taken_by IS NOT NULL",
                row -> row.getString(1), guestId);
        if (holder.isPresent() && !holder.get().equals(caller.keyId()) && !force) {
            throw new HttpProblem(409, "taken", "another staff member holds this conversation; an admin may take it"
                    + " with force").with("takenBy", holder.get());
        }
        return holder;
    }

    /** {@code force: true}: an admin's only (403 for anyone else). */
    private static boolean force(Exchange exchange, JsonNode body) {
        boolean force = Boolean.TRUE.equals(Fields.bool(body, "force", "force"));
        if (force && !caller(exchange).may(Scope.ADMIN)) {
            throw HttpProblem.forbidden("only an admin may take or resolve a conversation another staff member holds");
        }
        return force;
    }

    /** The body of a take or a resolve: nothing, {} or {force: true}. */
    private boolean forceOnly(Exchange exchange) throws Exception {
        JsonNode body = optionalBody(exchange);
        Fields.onlyKnown(body, "", Set.of("force"));
        return force(exchange, body);
    }

    private void known(Connection c, long guestId) throws SQLException {
        if (!guests.exists(c, guestId)) {
            throw HttpProblem.notFound(NO_SUCH_GUEST);
        }
    }

    private static Map<String, Object> taken(Connection c, long guestId) throws SQLException {
        return Sql.one(c, "SELECT taken_by, taken_at FROM guests WHERE id = ?", row -> {
            Map<String, Object> taken = new LinkedHashMap<>();
            taken.put("takenBy", row.getString(1));
            taken.put("takenAt", iso(Sql.nullableLong(row, "taken_at")));
            return taken;
        }, guestId).orElseThrow();
    }

    private Map<String, Object> guest(ResultSet row) throws SQLException {
        Map<String, Object> guest = new LinkedHashMap<>();
        guest.put("guestId", row.getLong("id"));
        guest.put("name", guests.open(row.getString("name")));
        guest.put("language", row.getString("language"));
        guest.put("optedOut", row.getInt("opted_out") == 1);
        guest.put("needsStaff", row.getInt("needs_attention") == 1);
        guest.put("reason", row.getString("attention_reason"));
        guest.put("takenBy", row.getString("taken_by"));
        guest.put("takenAt", iso(Sql.nullableLong(row, "taken_at")));
        guest.put("resolvedAt", iso(Sql.nullableLong(row, "resolved_at")));
        return guest;
    }

    private Map<String, Object> message(ResultSet row) throws SQLException {
        Outbox.Progress progress = Outbox.progress(row);
        boolean in = "in".equals(row.getString("direction"));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", progress.messageId());
        message.put("direction", row.getString("direction"));
        message.put("text", guests.open(row.getString("body")));
        if (row.getString("template_name") != null) {
            message.put("template", row.getString("template_name"));
        }
        message.put("at", iso(row.getLong("created_at")));
        message.put("state", progress.status());
        message.put("reason", progress.reason());
        String sentBy = row.getString("sent_by");
        message.put("sentBy", in ? null : sentBy == null ? "hub" : sentBy);
        return message;
    }

    private static long guestId(Exchange exchange) {
        return Fields.pathId(exchange.getMessage().getHeader("guestId", String.class), NO_SUCH_GUEST);
    }

    private static Caller caller(Exchange exchange) {
        return exchange.getProperty(ApiGate.CALLER, Caller.class);
    }

    /** The JSON object of a body that may be left out (take, resolve): an empty one then. */
    private JsonNode optionalBody(Exchange exchange) throws Exception {
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        if (raw == null || raw.length == 0) {
            return json.createObjectNode();
        }
        exchange.getMessage().setBody(raw); // read once: the request's stream is gone
        return Fields.body(exchange, json);
    }

    /** A whole number from 1 to {@code max} in the query string, or {@code absent}; 400 naming the parameter. */
    private static int limit(Exchange exchange, String name, int absent, int max) {
        return (int) Fields.queryNumber(HttpRequests.queryParameter(exchange.getMessage(), name), name, absent, max,
                "must be a whole number from 1 to " + max);
    }

    /** At most {@link #LAST_TEXT_LENGTH} characters (code points: an emoji is never cut in half). */
    static String shortened(String text) {
        if (text == null || text.codePointCount(0, text.length()) <= LAST_TEXT_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, LAST_TEXT_LENGTH - 1)) + "…";
    }

    private static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    private record Replied(long messageId, String requestHash) {
    }
}
