package io.conciergehub.mesh;

import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * {@code GET /api/mesh/guests/{id}/messages}: a guest's conversation as staff read it before they
 * take over, texts decrypted, newest last. A page is the {@code limit} messages before message id
 * {@code before} (the newest ones without it); {@code nextBefore} asks for the page of older ones.
 */
public final class GuestMessages {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final Database db;
    private final GuestRepository guests;

    public GuestMessages(Database db, GuestRepository guests) {
        this.db = db;
        this.guests = guests;
    }

    public ApiResponse conversation(Exchange exchange) {
        long guestId = Fields.pathId(exchange.getMessage().getHeader("id", String.class), "no guest with this id");
        int limit = (int) queryNumber(exchange, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        long before = queryNumber(exchange, "before", Long.MAX_VALUE, Long.MAX_VALUE);
        return db.read(c -> {
            if (!guests.exists(c, guestId)) {
                throw HttpProblem.notFound("no guest with this id");
            }
            // One more than asked for tells whether older messages remain.
            // A template message has no text of its own: its template's name says what the guest got.
            List<Map<String, Object>> newestFirst = Sql.list(c, "SELECT m.id, m.direction, m.body, m.language, m.intent,"
                    + " m.status, m.created_at, o.template_name FROM messages m LEFT JOIN outbox o ON o.message_id = m.id"
                    + " WHERE m.guest_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?", row -> {
                        Map<String, Object> message = new LinkedHashMap<>();
                        message.put("id", row.getLong("id"));
                        message.put("direction", row.getString("direction"));
                        message.put("text", guests.open(row.getString("body")));
                        if (row.getString("template_name") != null) {
                            message.put("template", row.getString("template_name"));
                        }
                        message.put("language", row.getString("language"));
                        message.put("intent", row.getString("intent"));
                        message.put("status", row.getString("status"));
                        message.put("at", Instant.ofEpochMilli(row.getLong("created_at")).toString());
                        return message;
                    }, guestId, before, limit + 1);
            boolean older = newestFirst.size() > limit;
            List<Map<String, Object>> page = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
            Collections.reverse(page);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("guestId", guestId);
            answer.put("messages", page);
            answer.put("nextBefore", older ? page.get(0).get("id") : null);
            return ApiResponse.ok(answer);
        });
    }

    /** A positive whole number from the query string, or {@code absent}; 400 naming the parameter otherwise. */
    private static long queryNumber(Exchange exchange, String name, long absent, long max) {
        return Fields.queryNumber(exchange.getMessage().getHeader(name, String.class), name, absent, max,
                max == Long.MAX_VALUE ? "must be a message id" : "must be a whole number from 1 to " + max);
    }
}
