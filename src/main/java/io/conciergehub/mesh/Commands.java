package io.conciergehub.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys.Caller;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.api.ItemResults;
import io.conciergehub.events.DeadLetters;
import io.conciergehub.guest.BookingRepository;
import io.conciergehub.guest.Guest;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.ops.Metrics;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.Sql;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands from outside systems ({@code POST /api/mesh/commands}): validated as a whole, stored
 * durably (payload encrypted: it carries phone numbers), answered 202, then executed by the
 * command worker route. An execution's effects and the command's final state are committed in
 * one transaction, so a crash never runs a command twice. The same {@code idempotencyKey}
 * returns the same command; reused with another request it is a 409.
 */
public final class Commands {

    public enum Action { SEND_MESSAGE, SEND_BATCH_MESSAGES, UPDATE_GUEST, PAUSE_WORKERS, RESUME_WORKERS, TEST }

    public static final String BREAKER = "command-execution";
    public static final String QUEUED = "queuedCommands";
    static final int MAX_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);
    private static final Pattern SPOKI_TEMPLATE_ID = Pattern.compile("[0-9]{1,18}");
    private static final Set<String> GUEST_UPDATES = Set.of("status", "language", "flightNumber", "name", "email",
            "optedOut");

    /** A refusal found while executing: the command fails with this reason, nothing it did is kept. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }

    private record Request(Action action, JsonNode payload, String idempotencyKey, String hash) {
    }

    private record Stored(String id, boolean isNew, Map<String, Object> view) {
    }

    private final Database db;
    private final FieldCrypto crypto;
    private final GuestRepository guests;
    private final BookingRepository bookings;
    private final Outbox outbox;
    private final WorkerControl workers;
    private final CircuitBreakerRegistry breakers;
    private final Metrics metrics;
    private final ObjectMapper json;
    private final boolean numericTemplates;
    private final int maxAttempts;
    private final long openSeconds;
    private final Clock clock;

    public Commands(Database db, FieldCrypto crypto, GuestRepository guests, BookingRepository bookings, Outbox outbox,
            WorkerControl workers, CircuitBreakerRegistry breakers, Metrics metrics, ObjectMapper json,
            boolean numericTemplates, int maxAttempts, long openSeconds, Clock clock) {
        this.db = db;
        this.crypto = crypto;
        this.guests = guests;
        this.bookings = bookings;
        this.outbox = outbox;
        this.workers = workers;
        this.breakers = breakers;
        this.metrics = metrics;
        this.json = json;
        this.numericTemplates = numericTemplates;
        this.maxAttempts = maxAttempts;
        this.openSeconds = openSeconds;
        this.clock = clock;
    }

    // ---- API -------------------------------------------------------------------------------

    public ApiResponse submit(Exchange exchange) throws Exception {
        refuseWhileBreakerOpen(exchange);
        Request request = parse(Fields.body(exchange, json), "");
        Stored stored = store(request, exchange.getProperty(ApiGate.CALLER, Caller.class));
        if (!stored.isNew()) {
            return new ApiResponse(200, stored.view(), Map.of("Idempotent-Replayed", "true"));
        }
        exchange.setProperty(QUEUED, List.of(stored.id()));
        return new ApiResponse(202, stored.view(), Map.of("Location", "/api/mesh/commands/" + stored.id()));
    }

    /** Up to 100 commands; each is accepted or refused on its own, with a result per item. */
    public ApiResponse submitBatch(Exchange exchange) throws Exception {
        refuseWhileBreakerOpen(exchange);
        JsonNode body = Fields.body(exchange, json);
        Fields.onlyKnown(body, "", Set.of("commands"));
        JsonNode items = body.get("commands");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw HttpProblem.invalidField("commands", "must be a non-empty array");
        }
        if (items.size() > MAX_BATCH) {
            throw HttpProblem.invalidField("commands", "holds more than " + MAX_BATCH + " commands");
        }
        Caller caller = exchange.getProperty(ApiGate.CALLER, Caller.class);
        ItemResults results = new ItemResults("accepted");
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> result = results.item(i);
            try {
                if (!items.get(i).isObject()) {
                    throw HttpProblem.invalidField("commands[" + i + "]", "must be an object");
                }
                Stored stored = store(parse(items.get(i), "commands[" + i + "]."), caller);
                result.putAll(stored.view());
                result.put("replayed", !stored.isNew());
                if (stored.isNew()) {
                    queued.add(stored.id());
                }
                results.accepted();
            } catch (HttpProblem refused) {
                results.refused(result, refused);
            }
        }
        exchange.setProperty(QUEUED, queued);
        return results.response();
    }

    public ApiResponse status(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        return db.read(c -> view(c, id)).map(ApiResponse::ok)
                .orElseThrow(() -> HttpProblem.notFound("no command with this id"));
    }

    private void refuseWhileBreakerOpen(Exchange exchange) {
        Optional<CircuitBreaker> breaker = breakers.find(BREAKER);
        if (breaker.isPresent() && breaker.get().getState() == CircuitBreaker.State.OPEN) {
            exchange.getMessage().setHeader("Retry-After", openSeconds);
            throw new HttpProblem(503, "unavailable", "command execution is failing; retry later");
        }
    }

    private Request parse(JsonNode node, String prefix) {
        Fields.onlyKnown(node, prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
                Set.of("action", "payload", "idempotencyKey"));
        String actionName = Fields.text(node, "action", prefix + "action", true, 40);
        Action action;
        try {
            action = Action.valueOf(actionName);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.invalidField(prefix + "action", "must be one of " + List.of(Action.values()));
        }
        JsonNode payload = Fields.object(node, "payload", prefix + "payload", requiresPayload(action));
        if (payload == null) {
            payload = json.createObjectNode();
        }
        String path = prefix + "payload";
        switch (action) {
            case SEND_MESSAGE -> validateMessage(payload, path);
            case SEND_BATCH_MESSAGES -> {
                Fields.onlyKnown(payload, path, Set.of("messages"));
                JsonNode messages = payload.get("messages");
                if (messages == null || !messages.isArray() || messages.isEmpty()) {
                    throw HttpProblem.invalidField(path + ".messages", "must be a non-empty array");
                }
                if (messages.size() > MAX_BATCH) {
                    throw HttpProblem.invalidField(path + ".messages", "holds more than " + MAX_BATCH + " messages");
                }
                for (int i = 0; i < messages.size(); i++) {
                    if (!messages.get(i).isObject()) {
                        throw HttpProblem.invalidField(path + ".messages[" + i + "]", "must be an object");
                    }
                    validateMessage(messages.get(i), path + ".messages[" + i + "]");
                }
            }
            case UPDATE_GUEST -> validateGuestUpdate(payload, path);
            default -> { }
        }
        String idempotencyKey = Fields.token(node, "idempotencyKey", prefix + "idempotencyKey", false);
        return new Request(action, payload, idempotencyKey, sha256(action + "\n" + payload));
    }

    private static boolean requiresPayload(Action action) {
        return action == Action.SEND_MESSAGE || action == Action.SEND_BATCH_MESSAGES || action == Action.UPDATE_GUEST;
    }

    private void validateMessage(JsonNode message, String path) {
        Fields.onlyKnown(message, path, Set.of("phone", "message", "template", "language", "customFields"));
        Fields.phone(message, "phone", path + ".phone", true);
        String text = Fields.text(message, "message", path + ".message", false, 4096);
        String template = Fields.token(message, "template", path + ".template", false);
        if ((text == null) == (template == null)) {
            throw HttpProblem.invalidField(path + ".message", "give either a message or a template");
        }
        if (template != null && numericTemplates && !SPOKI_TEMPLATE_ID.matcher(template).matches()) {
            throw HttpProblem.invalidField(path + ".template", "must be Spoki's numeric template id");
        }
        Fields.language(message, "language", path + ".language");
        Fields.stringMap(message, "customFields", path + ".customFields", 50);
    }

    private void validateGuestUpdate(JsonNode payload, String path) {
        Fields.onlyKnown(payload, path, Set.of("guestId", "phone", "updates"));
        Integer guestId = Fields.integer(payload, "guestId", path + ".guestId", 1, Integer.MAX_VALUE);
        String phone = Fields.phone(payload, "phone", path + ".phone", false);
        if ((guestId == null) == (phone == null)) {
            throw HttpProblem.invalidField(path + ".guestId", "give either a guestId or a phone");
        }
        JsonNode updates = Fields.object(payload, "updates", path + ".updates", true);
        if (updates.isEmpty()) {
            throw HttpProblem.invalidField(path + ".updates", "names no field to update");
        }
        Fields.onlyKnown(updates, path + ".updates", GUEST_UPDATES);
        String updatesPath = path + ".updates";
        Fields.status(updates, "status", updatesPath + ".status", null);
        Fields.language(updates, "language", updatesPath + ".language");
        Fields.flightNumber(updates, "flightNumber", updatesPath + ".flightNumber");
        Fields.text(updates, "name", updatesPath + ".name", false, 200);
        Fields.email(updates, "email", updatesPath + ".email");
        Fields.bool(updates, "optedOut", updatesPath + ".optedOut");
    }

    private Stored store(Request request, Caller caller) {
        long now = clock.millis();
        return db.writeDurably(c -> {
            if (request.idempotencyKey() != null) {
                Optional<String[]> existing = Sql.one(c, "SELECT id, request_hash FROM commands WHERE idempotency_key = ?",
                        row -> new String[] {row.getString(1), row.getString(2)}, request.idempotencyKey());
                if (existing.isPresent()) {
                    if (!existing.get()[1].equals(request.hash())) {
                        throw HttpProblem.conflict("idempotencyKey was used for a different command");
                    }
                    return new Stored(existing.get()[0], false, view(c, existing.get()[0]).orElseThrow());
                }
            }
            String id = "cmd-" + UUID.randomUUID();
            Sql.update(c, "INSERT INTO commands (id, idempotency_key, request_hash, action, payload_enc, state, key_id,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?)", id, request.idempotencyKey(),
                    request.hash(), request.action().name(), crypto.encrypt(request.payload().toString()), caller.keyId(),
                    now, now);
            audit(c, caller.keyId(), request.action().name(), id, "queued", now);
            return new Stored(id, true, view(c, id).orElseThrow());
        });
    }

    private Optional<Map<String, Object>> view(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT id, action, state, result, attempts, created_at, updated_at FROM commands WHERE id = ?",
                row -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", row.getString("id"));
                    view.put("action", row.getString("action"));
                    view.put("status", row.getString("state"));
                    view.put("attempts", row.getInt("attempts"));
                    String result = row.getString("result");
                    try {
                        view.put("result", result == null ? null : json.readTree(result));
                    } catch (Exception e) {
                        throw new SQLException("stored result is not JSON", e);
                    }
                    view.put("createdAt", Instant.ofEpochMilli(row.getLong("created_at")).toString());
                    view.put("updatedAt", Instant.ofEpochMilli(row.getLong("updated_at")).toString());
                    return view;
                }, id);
    }

    // ---- worker ----------------------------------------------------------------------------

    /** queued → running. False when the command is not queued (another worker has it, or it is done). */
    public boolean start(@ExchangeProperty("commandId") String id) {
        long now = clock.millis();
        return db.write(c -> Sql.update(c, "UPDATE commands SET state = 'running', attempts = attempts + 1,"
                + " updated_at = ? WHERE id = ? AND state = 'queued'", now, id)) == 1;
    }

    /** Runs the command and records its outcome; unexpected errors propagate to the circuit breaker. */
    public void execute(@ExchangeProperty("commandId") String id) throws Exception {
        String[] row = db.read(c -> Sql.one(c, "SELECT action, payload_enc, key_id FROM commands WHERE id = ?"
                + " AND state = 'running'", r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, id))
                .orElse(null);
        if (row == null) {
            return;
        }
        Action action = Action.valueOf(row[0]);
        JsonNode payload = json.readTree(crypto.decrypt(row[1]));
        String keyId = row[2];
        // Route control waits for in-flight exchanges, which may need the database: outside any transaction.
        Map<String, Object> controlResult = switch (action) {
            case PAUSE_WORKERS -> Map.of("paused", workers.pause());
            case RESUME_WORKERS -> Map.of("resumed", workers.resume());
            default -> null;
        };
        long now = clock.millis();
        String outcome = db.write(c -> {
            Map<String, Object> result;
            String state = "succeeded";
            try {
                result = controlResult != null ? controlResult : perform(c, action, payload, now);
            } catch (Refused refused) {
                state = "failed";
                result = Map.of("error", refused.getMessage());
            }
            Sql.update(c, "UPDATE commands SET state = ?, result = ?, updated_at = ? WHERE id = ?", state,
                    json.valueToTree(result).toString(), now, id);
            audit(c, keyId, action.name(), id, state, now);
            return state;
        });
        metrics.command(action.name(), outcome);
        LOG.info("event=command.done id={} action={} outcome={}", id, action, outcome);
    }

    private Map<String, Object> perform(Connection c, Action action, JsonNode payload, long now) throws SQLException {
        return switch (action) {
            case SEND_MESSAGE -> sendMessage(c, payload, now);
            case SEND_BATCH_MESSAGES -> {
                List<Map<String, Object>> sent = new ArrayList<>();
                ArrayNode messages = (ArrayNode) payload.get("messages");
                for (int i = 0; i < messages.size(); i++) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("index", i);
                    try {
                        item.putAll(sendMessage(c, messages.get(i), now));
                    } catch (Refused refused) {
                        item.put("error", refused.getMessage());
                    }
                    sent.add(item);
                }
                yield Map.of("messages", sent);
            }
            case UPDATE_GUEST -> updateGuest(c, payload, now);
            case TEST -> Map.of("ok", true, "executedAt", Instant.ofEpochMilli(now).toString());
            default -> throw new IllegalStateException("not a database action: " + action);
        };
    }

    private Map<String, Object> sendMessage(Connection c, JsonNode message, long now) throws SQLException {
        String phone = Fields.phone(message, "phone", "phone", true);
        GuestRepository.Resolved guest = guests.findOrCreate(c, phone, now);
        Guest stored = guests.findById(c, guest.id()).orElseThrow();
        if (stored.optedOut()) {
            throw new Refused("the guest opted out of messages");
        }
        String language = Optional.ofNullable(Fields.language(message, "language", "language"))
                .orElse(stored.language() == null ? "en" : stored.language());
        long outboxId = outbox.enqueueCommanded(c, guest.id(), Fields.text(message, "message", "message", false, 4096),
                Fields.token(message, "template", "template", false),
                Fields.stringMap(message, "customFields", "customFields", 50), language, now);
        return Map.of("guestId", guest.id(), "outboxId", outboxId);
    }

    private Map<String, Object> updateGuest(Connection c, JsonNode payload, long now) throws SQLException {
        Long guestId = payload.hasNonNull("guestId") ? Long.valueOf(payload.get("guestId").asLong())
                : guests.findIdByPhone(c, Fields.phone(payload, "phone", "phone", true)).orElse(null);
        if (guestId == null || !guests.exists(c, guestId)) {
            throw new Refused("no such guest");
        }
        JsonNode updates = payload.get("updates");
        String flight = Fields.flightNumber(updates, "flightNumber", "flightNumber");
        if (flight != null && !bookings.setNextFlight(c, guestId, flight,
                LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC).toString(), now)) {
            throw new Refused("the guest has no upcoming booking to set the flight on");
        }
        guests.update(c, guestId, Fields.text(updates, "name", "name", false, 200), Fields.email(updates, "email", "email"),
                Fields.language(updates, "language", "language"), Fields.status(updates, "status", "status", null),
                Fields.bool(updates, "optedOut", "optedOut"), now);
        List<String> updated = new ArrayList<>();
        updates.fieldNames().forEachRemaining(updated::add);
        return Map.of("guestId", guestId, "updated", updated);
    }

    /** The circuit is open: the command goes back to the queue, this attempt not counted. */
    public void deferWhileOpen(@ExchangeProperty("commandId") String id) {
        long now = clock.millis();
        db.write(c -> Sql.update(c, "UPDATE commands SET state = 'queued', attempts = MAX(attempts - 1, 0),"
                + " updated_at = ? WHERE id = ? AND state = 'running'", now, id));
    }

    /** An unexpected error: queued again for the sweep, or failed (and a dead letter) after the last attempt. */
    public void executionFailed(@ExchangeProperty("commandId") String id,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause) {
        long now = clock.millis();
        String error = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        boolean dead = db.write(c -> {
            int attempts = (int) Sql.count(c, "SELECT attempts FROM commands WHERE id = ?", id);
            if (attempts < maxAttempts) {
                Sql.update(c, "UPDATE commands SET state = 'queued', updated_at = ? WHERE id = ?", now, id);
                return false;
            }
            Sql.update(c, "UPDATE commands SET state = 'failed', result = ?, updated_at = ? WHERE id = ?",
                    json.valueToTree(Map.of("error", error)).toString(), now, id);
            DeadLetters.record(c, "commands", id, error, null, now);
            return true;
        });
        LOG.warn("event=command.error id={} deadLetter={} error=\"{}\"", id, dead, error);
    }

    /** Commands queued longer than {@code olderThanMillis}: lost from the in-process queue, or deferred. */
    public List<String> due(long olderThanMillis) {
        long before = clock.millis() - olderThanMillis;
        return db.read(c -> Sql.list(c, "SELECT id FROM commands WHERE state = 'queued' AND updated_at <= ?"
                + " ORDER BY created_at LIMIT 1000", row -> row.getString(1), before));
    }

    /** After a restart: a command that was running had not committed its effects; it runs again. */
    public int recoverInterrupted() {
        long now = clock.millis();
        return db.write(c -> Sql.update(c, "UPDATE commands SET state = 'queued', updated_at = ? WHERE state = 'running'",
                now));
    }

    public long queued() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM commands WHERE state IN ('queued', 'running')"));
    }

    private static void audit(Connection c, String keyId, String action, String reference, String outcome, long now)
            throws SQLException {
        Sql.insert(c, "INSERT INTO audit (at, key_id, action, reference, outcome) VALUES (?, ?, ?, ?, ?)", now, keyId,
                action, reference, outcome);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
