package io.conciergehub.mesh;

import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.events.DeadLetters;
import io.conciergehub.events.DeadLetters.Letter;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
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

    /** Dead letters per answer; {@code nextBefore} asks for older ones. */
    static final int PAGE = 100;

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
        long before = Fields.queryNumber(exchange.getMessage().getHeader("before", String.class), "before",
                Long.MAX_VALUE, Long.MAX_VALUE, "must be a dead letter's id");
        List<Map<String, Object>> letters = new ArrayList<>();
        // One more than a page tells whether older ones remain.
        boolean older = db.read(c -> {
            List<Letter> newest = DeadLetters.newest(c, all, before, PAGE + 1);
            for (Letter letter : newest.subList(0, Math.min(PAGE, newest.size()))) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("id", letter.id());
                shown.put("source", letter.source());
                shown.put("reference", letter.reference());
                if ("outbox".equals(letter.source())) {
                    shown.putAll(recipient(c, letter.reference()));
                }
                shown.put("error", letter.error());
                shown.put("createdAt", Instant.ofEpochMilli(letter.createdAt()).toString());
                shown.put("replayedAt", letter.replayedAt() == null ? null : Instant.ofEpochMilli(letter.replayedAt()).toString());
                letters.add(shown);
            }
            return newest.size() > PAGE;
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deadLetters", letters);
        answer.put("nextBefore", older ? letters.get(letters.size() - 1).get("id") : null);
        return ApiResponse.ok(answer);
    }

    /**
     * Whom a failed send was for: the guest, and the provider's id of the guest message it answered
     * ({@code null} for a message nobody asked for), so staff can tell which conversation to check.
     */
    private static Map<String, Object> recipient(Connection c, String outboxId) throws SQLException {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("guestId", null);
        recipient.put("inReplyTo", null);
        for (Map.Entry<Long, String> row : Sql.list(c, "SELECT o.guest_id, q.provider_message_id FROM outbox o"
                + " JOIN messages m ON m.id = o.message_id LEFT JOIN messages q ON q.id = m.in_reply_to WHERE o.id = ?",
                row -> new java.util.AbstractMap.SimpleEntry<>(row.getLong(1), row.getString(2)),
                Long.parseLong(outboxId))) {
            recipient.put("guestId", row.getKey());
            recipient.put("inReplyTo", row.getValue());
        }
        return recipient;
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
