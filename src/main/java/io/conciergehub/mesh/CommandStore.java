package io.conciergehub.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiKeys.Caller;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.mesh.CommandActions.Action;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.messaging.Outbox.Progress;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code commands} table: a command's row, its payload encrypted (it carries phone numbers),
 * and the worker's states {@code queued → running → succeeded | failed}, each change audited. The
 * {@code idempotencyKey} finds the command a retry of the same request, by the same API key, created
 * before; another API key's same idempotencyKey is another command.
 *
 * <p>A command that queued messages (its result names their outbox rows) is reported as its
 * messages stand: {@code running} while one waits for the provider, then {@code failed} if one
 * failed, {@code held} if one is held, else {@code succeeded}: every message was accepted.
 *
 * <p>A command finished longer than {@code privacy.message-retention} ago keeps no payload (phone
 * numbers, texts): {@link #forgetExpiredPayloads} leaves a stub, its id, key, action, state and
 * result, so that a late retry with its idempotencyKey is still answered with it, never run again.
 * The stub's request hash is keyed ({@link FieldCrypto#blindIndex}): a plain hash of a template
 * message's payload would give its phone number away to whoever tried every number.
 */
public final class CommandStore {

    /** A submitted command: {@code isNew} false when the idempotencyKey found it already stored. */
    public record Stored(String id, boolean isNew, Map<String, Object> view) {
    }

    /** A command the worker holds, as it was submitted. */
    public record Running(String id, Action action, JsonNode payload, String keyId) {
    }

    /** The payload of a command whose payload retention deleted: a stub. */
    private static final String FORGOTTEN = "";
    static final int RETENTION_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(CommandStore.class);

    private final Database db;
    private final FieldCrypto crypto;
    private final ObjectMapper json;
    private final Outbox outbox;
    private final Duration retention;
    private final Clock clock;

    /** @param retention how long a finished command keeps its payload (privacy.message-retention) */
    public CommandStore(Database db, FieldCrypto crypto, ObjectMapper json, Outbox outbox, Duration retention,
            Clock clock) {
        this.db = db;
        this.crypto = crypto;
        this.json = json;
        this.outbox = outbox;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Stores a new command, queued; or finds the one the caller's API key stored with the same
     * idempotencyKey (409 if for another request). {@code beforeNew} runs, in the transaction, only
     * when the command is new: it may refuse it (an open breaker), never a retry of a command already
     * stored.
     */
    public Stored store(CommandRequest request, Caller caller, Runnable beforeNew) {
        long now = clock.millis();
        return db.writeDurably(c -> {
            if (request.idempotencyKey() != null) {
                // Scoped to the API key, as Stripe's: another integration may choose the same key.
                Optional<String[]> existing = Sql.one(c, "SELECT id, request_hash, payload_enc FROM commands"
                        + " WHERE key_id = ? AND idempotency_key = ?", row -> new String[] {row.getString(1),
                                row.getString(2), row.getString(3)}, caller.keyId(), request.idempotencyKey());
                if (existing.isPresent()) {
                    String hash = FORGOTTEN.equals(existing.get()[2]) ? crypto.blindIndex(request.hash()) : request.hash();
                    if (!existing.get()[1].equals(hash)) {
                        throw HttpProblem.conflict("idempotencyKey was used for a different command");
                    }
                    return new Stored(existing.get()[0], false, view(c, existing.get()[0]).orElseThrow());
                }
            }
            beforeNew.run();
            String id = "cmd-" + UUID.randomUUID();
            Sql.update(c, "INSERT INTO commands (id, idempotency_key, request_hash, action, payload_enc, state, key_id,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?)", id, request.idempotencyKey(),
                    request.hash(), request.action().name(), crypto.encrypt(request.payload().toString()), caller.keyId(),
                    now, now);
            audit(c, caller.keyId(), request.action().name(), id, "queued", now);
            return new Stored(id, true, view(c, id).orElseThrow());
        });
    }

    /** A command as {@code GET /api/mesh/commands/{id}} shows it. */
    public Optional<Map<String, Object>> view(String id) {
        return db.read(c -> view(c, id));
    }

    private Optional<Map<String, Object>> view(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT id, action, state, result, attempts, created_at, updated_at FROM commands WHERE id = ?",
                row -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", row.getString("id"));
                    view.put("action", row.getString("action"));
                    view.put("status", row.getString("state"));
                    view.put("attempts", row.getInt("attempts"));
                    JsonNode result = result(row.getString("result"));
                    view.put("result", result);
                    // SEND_MESSAGE's result names its outbox row, SEND_BATCH_MESSAGES' one per message.
                    List<Long> outboxIds = result == null ? List.of()
                            : result.findValues("outboxId").stream().map(JsonNode::asLong).toList();
                    if ("succeeded".equals(row.getString("state")) && !outboxIds.isEmpty()) {
                        List<Progress> messages = outbox.progress(c, outboxIds);
                        view.put("status", statusOf(messages));
                        view.put("messages", messages.stream().map(CommandStore::messageView).toList());
                    }
                    view.put("createdAt", Instant.ofEpochMilli(row.getLong("created_at")).toString());
                    view.put("updatedAt", Instant.ofEpochMilli(row.getLong("updated_at")).toString());
                    return view;
                }, id);
    }

    private JsonNode result(String stored) throws SQLException {
        try {
            return stored == null ? null : json.readTree(stored);
        } catch (Exception e) {
            throw new SQLException("stored result is not JSON", e);
        }
    }

    /** Until the provider has accepted every message the command is not done; then the worst outcome wins. */
    private static String statusOf(List<Progress> messages) {
        Predicate<String> any = status -> messages.stream().anyMatch(m -> m.status().equals(status));
        if (any.test("queued")) {
            return "running";
        }
        return any.test("failed") ? "failed" : any.test("held") ? "held" : "succeeded";
    }

    private static Map<String, Object> messageView(Progress message) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", message.messageId());
        view.put("status", message.status());
        if (message.reason() != null) {
            view.put("reason", message.reason());
        }
        return view;
    }

    /** queued → running, an attempt counted. False when the command is not queued. */
    public boolean start(String id) {
        long now = clock.millis();
        return db.write(c -> Sql.update(c, "UPDATE commands SET state = 'running', attempts = attempts + 1,"
                + " updated_at = ? WHERE id = ? AND state = 'queued'", now, id)) == 1;
    }

    /** The command if it is running, its payload decrypted. */
    public Optional<Running> running(String id) throws Exception {
        Optional<String[]> row = db.read(c -> Sql.one(c, "SELECT action, payload_enc, key_id FROM commands WHERE id = ?"
                + " AND state = 'running'", r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, id));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String[] command = row.get();
        return Optional.of(new Running(id, Action.valueOf(command[0]), json.readTree(crypto.decrypt(command[1])),
                command[2]));
    }

    /** running → {@code state} (succeeded or failed) with its result, in the transaction of the action's effects. */
    public void finish(Connection c, Running command, String state, Map<String, Object> result, long now)
            throws SQLException {
        Sql.update(c, "UPDATE commands SET state = ?, result = ?, updated_at = ? WHERE id = ?", state,
                json.valueToTree(result).toString(), now, command.id());
        audit(c, command.keyId(), command.action().name(), command.id(), state, now);
    }

    /** running → queued, this attempt not counted. */
    public void requeueUncounted(String id) {
        long now = clock.millis();
        db.write(c -> Sql.update(c, "UPDATE commands SET state = 'queued', attempts = MAX(attempts - 1, 0),"
                + " updated_at = ? WHERE id = ? AND state = 'running'", now, id));
    }

    public int attempts(Connection c, String id) throws SQLException {
        return (int) Sql.count(c, "SELECT attempts FROM commands WHERE id = ?", id);
    }

    /** Back to queued, for another attempt. */
    public void requeue(Connection c, String id, long now) throws SQLException {
        Sql.update(c, "UPDATE commands SET state = 'queued', updated_at = ? WHERE id = ?", now, id);
    }

    /** Failed for good, with the error as its result. */
    public void fail(Connection c, String id, String error, long now) throws SQLException {
        Sql.update(c, "UPDATE commands SET state = 'failed', result = ?, updated_at = ? WHERE id = ?",
                json.valueToTree(Map.of("error", error)).toString(), now, id);
    }

    /** A replayed dead letter: queued again, as if just submitted; 409 once retention deleted its payload. */
    public void replay(Connection c, String id, long now) throws SQLException {
        if (Sql.update(c, "UPDATE commands SET state = 'queued', attempts = 0, result = NULL, updated_at = ?"
                + " WHERE id = ? AND payload_enc <> ?", now, id, FORGOTTEN) == 0
                && Sql.count(c, "SELECT COUNT(*) FROM commands WHERE id = ?", id) > 0) {
            throw HttpProblem.conflict("the command's payload was deleted after privacy.message-retention;"
                    + " submit it again");
        }
    }

    /**
     * Deletes the payload of every command finished (succeeded or failed) longer than the retention
     * ago, a batch per transaction like the messages' retention; returns how many. Queued and running
     * commands keep theirs: they still need it.
     */
    public int forgetExpiredPayloads() {
        long cutoff = clock.millis() - retention.toMillis();
        int forgotten = db.writeInBatches(c -> forgetBatch(c, cutoff));
        if (forgotten > 0) {
            LOG.info("event=commands.payloads-deleted count={} retention={}", forgotten, retention);
        }
        return forgotten;
    }

    private int forgetBatch(Connection c, long cutoff) throws SQLException {
        List<String[]> expired = Sql.list(c, "SELECT id, request_hash FROM commands WHERE state IN ('succeeded', 'failed')"
                + " AND updated_at < ? AND payload_enc <> ? LIMIT ?", row -> new String[] {row.getString(1),
                        row.getString(2)}, cutoff, FORGOTTEN, RETENTION_BATCH);
        for (String[] command : expired) {
            Sql.update(c, "UPDATE commands SET payload_enc = ?, request_hash = ? WHERE id = ?", FORGOTTEN,
                    crypto.blindIndex(command[1]), command[0]);
        }
        return expired.size();
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

    /** Whether the worker runs a command now. */
    public boolean anyRunning() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM commands WHERE state = 'running'")) > 0;
    }

    /** Commands waiting or running. */
    public long queued() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM commands WHERE state IN ('queued', 'running')"));
    }

    /** One row of the audit table: who ({@code keyId}) did what to which {@code reference}, and how it ended. */
    public static void audit(Connection c, String keyId, String action, String reference, String outcome, long now)
            throws SQLException {
        Sql.insert(c, "INSERT INTO audit (at, key_id, action, reference, outcome) VALUES (?, ?, ?, ?, ?)", now, keyId,
                action, reference, outcome);
    }
}
