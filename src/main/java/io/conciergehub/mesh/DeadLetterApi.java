package io.conciergehub.mesh;

import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.events.DeadLetters;
import io.conciergehub.events.DeadLetters.Letter;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * {@code GET /api/mesh/dead-letters} and {@code POST /api/mesh/dead-letters/{id}/replay}: what
 * failed for good (outbound messages, events, commands; see {@link DeadLetters}),
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
        List<Map<String, Object>> letters = new ArrayList<>();
        for (Letter letter : db.read(c -> DeadLetters.newest(c, all, limit))) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("id", letter.id());
            shown.put("source", letter.source());
            shown.put("reference", letter.reference());
            shown.put("error", letter.error());
            shown.put("createdAt", Instant.ofEpochMilli(letter.createdAt()).toString());
            shown.put("replayedAt", letter.replayedAt() == null ? null : Instant.ofEpochMilli(letter.replayedAt()).toString());
            letters.add(shown);
        }
        return ApiResponse.ok(Map.of("deadLetters", letters));
    }

    public Replayed replay(Exchange exchange) {
        long id = Fields.pathId(exchange.getMessage().getHeader("id", String.class), "no dead letter with this id");
        long now = clock.millis();
        return db.writeDurably(c -> {
            Letter letter = DeadLetters.find(c, id).orElseThrow(() -> HttpProblem.notFound("no dead letter with this id"));
            if (letter.replayedAt() != null) {
                throw HttpProblem.conflict("this dead letter was replayed already");
            }
            List<Long> outboxToSend = List.of();
            List<String> commandsToQueue = List.of();
            switch (letter.source()) {
                case "outbox" -> {
                    long outboxId = Long.parseLong(letter.reference());
                    outbox.replay(c, outboxId, now);
                    outboxToSend = List.of(outboxId);
                }
                case "events" -> events.requeue(c, letter.payload());
                case "commands" -> {
                    commands.replay(c, letter.reference(), now);
                    commandsToQueue = List.of(letter.reference());
                }
                default -> throw HttpProblem.conflict("dead letters from '" + letter.source() + "' cannot be replayed");
            }
            DeadLetters.replayed(c, id, now);
            Map<String, Object> replayed = new LinkedHashMap<>();
            replayed.put("id", id);
            replayed.put("source", letter.source());
            replayed.put("reference", letter.reference());
            replayed.put("status", "requeued");
            return new Replayed(ApiResponse.accepted(replayed), outboxToSend, commandsToQueue);
        });
    }
}
