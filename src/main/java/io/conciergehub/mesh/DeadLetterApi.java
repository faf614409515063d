package io.conciergehub.mesh;

import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * {@code GET /api/mesh/dead-letters} and {@code POST /api/mesh/dead-letters/{id}/replay}: what
 * failed for good (outbound messages, events, commands; see {@link io.conciergehub.events.DeadLetters}),
 * and a way to try it once more after the cause is fixed. A replay puts the item back at the end
 * of its queue, with its attempts reset.
 */
public final class DeadLetterApi {

    /** The answer, and what the replay put back that the route hands on at once rather than at the next sweep. */
    public record Replayed(ApiResponse answer, List<Long> outboxToSend, List<String> commandsToQueue) {
    }

    private final Database db;
    private final Outbox outbox;
    private final EventBuffer events;
    private final CommandStore commands;
    private final Clock clock;

    public DeadLetterApi(Database db, Outbox outbox, EventBuffer events, CommandStore commands, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.events = events;
        this.commands = commands;
        this.clock = clock;
    }

    public ApiResponse list(Exchange exchange) {
        boolean all = "true".equals(exchange.getMessage().getHeader("all", String.class));
        int limit = 100;
        List<Map<String, Object>> letters = db.read(c -> Sql.list(c, "SELECT id, source, reference, error, created_at,"
                + " replayed_at FROM dead_letters" + (all ? "" : " WHERE replayed_at IS NULL") + " ORDER BY id DESC LIMIT ?",
                row -> {
                    Map<String, Object> letter = new LinkedHashMap<>();
                    letter.put("id", row.getLong("id"));
                    letter.put("source", row.getString("source"));
                    letter.put("reference", row.getString("reference"));
                    letter.put("error", row.getString("error"));
                    letter.put("createdAt", Instant.ofEpochMilli(row.getLong("created_at")).toString());
                    long replayed = row.getLong("replayed_at");
                    letter.put("replayedAt", row.wasNull() ? null : Instant.ofEpochMilli(replayed).toString());
                    return letter;
                }, limit));
        return ApiResponse.ok(Map.of("deadLetters", letters));
    }

    public Replayed replay(Exchange exchange) {
        long id = Fields.pathId(exchange.getMessage().getHeader("id", String.class), "no dead letter with this id");
        long now = clock.millis();
        return db.writeDurably(c -> {
            String[] letter = Sql.one(c, "SELECT source, reference, payload, replayed_at FROM dead_letters WHERE id = ?",
                    row -> new String[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4)}, id)
                    .orElseThrow(() -> HttpProblem.notFound("no dead letter with this id"));
            if (letter[3] != null) {
                throw HttpProblem.conflict("this dead letter was replayed already");
            }
            List<Long> outboxToSend = List.of();
            List<String> commandsToQueue = List.of();
            switch (letter[0]) {
                case "outbox" -> {
                    long outboxId = Long.parseLong(letter[1]);
                    outbox.replay(c, outboxId, now);
                    outboxToSend = List.of(outboxId);
                }
                case "events" -> events.requeue(c, letter[2]);
                case "commands" -> {
                    commands.replay(c, letter[1], now);
                    commandsToQueue = List.of(letter[1]);
                }
                default -> throw HttpProblem.conflict("dead letters from '" + letter[0] + "' cannot be replayed");
            }
            Sql.update(c, "UPDATE dead_letters SET replayed_at = ? WHERE id = ?", now, id);
            Map<String, Object> replayed = new LinkedHashMap<>();
            replayed.put("id", id);
            replayed.put("source", letter[0]);
            replayed.put("reference", letter[1]);
            replayed.put("status", "requeued");
            return new Replayed(ApiResponse.accepted(replayed), outboxToSend, commandsToQueue);
        });
    }
}
