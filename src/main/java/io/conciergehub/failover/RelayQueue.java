package io.conciergehub.failover;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.Fields;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.messaging.WebhookEvent;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.Sql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook events this node accepted while passive, kept durably in {@code node.db} until the
 * active node has them. A passive node never writes the replicated tables itself (their rows
 * come from the active node), so two nodes never create the same row id. The relay is safe to
 * repeat: the active node stores each guest message once per provider message id.
 */
public final class RelayQueue {

    /** One held event. */
    public record Held(long id, WebhookEvent event) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RelayQueue.class);

    private final Database node;
    private final Database hub;
    private final NodeState state;
    private final GuestRepository guests;
    private final FieldCrypto crypto;
    private final ObjectMapper json;
    private final Clock clock;

    public RelayQueue(Database node, Database hub, NodeState state, GuestRepository guests, FieldCrypto crypto,
            ObjectMapper json, Clock clock) {
        this.node = node;
        this.hub = hub;
        this.state = state;
        this.guests = guests;
        this.crypto = crypto;
        this.json = json;
        this.clock = clock;
    }

    /** On a passive node: keeps the webhook's events (durably: the webhook is acknowledged on this). */
    public void hold(@Body List<WebhookEvent> events) throws Exception {
        List<String> encrypted = new ArrayList<>();
        for (WebhookEvent event : events) {
            encrypted.add(crypto.encrypt(json.writeValueAsString(event)));
        }
        long now = clock.millis();
        node.writeDurably(c -> {
            for (int i = 0; i < events.size(); i++) {
                Sql.update(c, "INSERT INTO relay_queue (idempotency_key, event_enc, received_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (idempotency_key) DO NOTHING", events.get(i).idempotencyKey(), encrypted.get(i),
                        now);
            }
            return null;
        });
    }

    public List<Held> next() {
        return node.read(c -> Sql.list(c, "SELECT id, event_enc FROM relay_queue ORDER BY id LIMIT 100",
                row -> new Held(row.getLong(1), event(row.getString(2)))));
    }

    public List<WebhookEvent> events(@Body List<Held> held) {
        return held.stream().map(Held::event).toList();
    }

    /** The body of {@code POST /api/mesh/relay}. */
    public String relayBody(@Body List<Held> held) throws Exception {
        return json.writeValueAsString(Map.of("events", events(held)));
    }

    /** The events held in the exchange property {@code held} were taken: they leave the queue. */
    public void done(@ExchangeProperty("held") List<Held> held) {
        node.write(c -> {
            for (Held one : held) {
                Sql.update(c, "DELETE FROM relay_queue WHERE id = ?", one.id());
            }
            return null;
        });
    }

    /** {@code POST /api/mesh/relay} on the active node: the events a passive node held. */
    public List<WebhookEvent> received(Exchange exchange) throws Exception {
        var events = Fields.body(exchange, json).path("events");
        if (!events.isArray() || events.size() > 1000) {
            throw io.conciergehub.api.HttpProblem.invalidField("events", "an array of at most 1000 events is required");
        }
        for (int i = 0; i < events.size(); i++) {
            String path = "events[" + i + "]";
            var event = events.get(i);
            Fields.required(Fields.status(event, "provider", path + ".provider", java.util.Set.of("spoki", "whatsapp")),
                    path + ".provider");
            Fields.text(event, "idempotencyKey", path + ".idempotencyKey", true, 200);
            if ("MESSAGE".equals(event.path("kind").asText())) {
                Fields.phone(event, "phone", path + ".phone", true);
                Fields.text(event, "text", path + ".text", false, 4096);
                if (event.hasNonNull("maybeSentAnswer")) {
                    Fields.text(event.path("maybeSentAnswer"), "text", path + ".maybeSentAnswer.text", true, 4096);
                }
            }
        }
        try {
            return json.convertValue(events, new TypeReference<List<WebhookEvent>>() { });
        } catch (IllegalArgumentException e) {
            throw io.conciergehub.api.HttpProblem.invalidField("events", "are not webhook events");
        }
    }

    public long size() {
        return node.read(c -> Sql.count(c, "SELECT COUNT(*) FROM relay_queue"));
    }

    /**
     * Before this node's database is replaced by its peer's (or starts following another log):
     * the guest messages it accepted while active and had not shipped go to the relay queue, so
     * the active node answers them. Nothing acknowledged to a provider is dropped.
     */
    public void salvageUnshipped() {
        // Each message goes with what became of its answer here (a merged answer's fate is its head's):
        // not yet at the provider (claimed or queued): relayed to be answered there; handed to the
        // provider when this node stopped (Outbox.mayBeAtProvider, the rule of this node's own recovery):
        // relayed with that answer, which the active node records as a "may have been delivered" dead
        // letter, as this node would have; otherwise (sent, held, dead): relayed as answered, kept
        // there and not answered again.
        List<WebhookEvent> unshipped = hub.read(c -> Sql.list(c, "WITH replies AS NOT MATERIALIZED (SELECT"
                + " r.in_reply_to AS answers, r.body, r.language, r.intent,"
                + " CASE WHEN h.id IS NULL THEN o.state ELSE h.state END AS state,"
                + " CASE WHEN h.id IS NULL THEN o.send_started_at ELSE h.send_started_at END AS started"
                + " FROM messages r JOIN outbox o ON o.message_id = r.id"
                + " LEFT JOIN outbox h ON o.state = 'merged' AND h.id = o.merged_into)"
                + " SELECT m.provider, m.provider_message_id, m.body, g.phone_enc, g.name,"
                + " EXISTS (SELECT 1 FROM replies a WHERE a.answers = m.id"
                + " AND (a.state NOT IN ('queued', 'sending') OR " + Outbox.mayBeAtProvider("a.state", "a.started")
                + ")), u.body, u.language, u.intent"
                + " FROM change_log l JOIN messages m ON m.id = json_extract(l.row_key, '$.id')"
                + " JOIN guests g ON g.id = m.guest_id"
                + " LEFT JOIN replies u ON u.answers = m.id AND " + Outbox.mayBeAtProvider("u.state", "u.started")
                + " WHERE l.seq > ? AND l.tbl = 'messages' AND l.op = 'upsert'"
                + " AND m.direction = 'in' AND m.provider_message_id IS NOT NULL GROUP BY m.id ORDER BY m.id", row -> {
                    WebhookEvent message = WebhookEvent.message(row.getString(1), "relay:" + row.getString(1) + ":"
                            + row.getString(2), row.getString(2), guests.decrypt(row.getString(4)),
                            guests.open(row.getString(5)), guests.open(row.getString(3)));
                    if (row.getString(7) != null) {
                        return message.asMaybeAnswered(new WebhookEvent.Answer(guests.open(row.getString(7)),
                                row.getString(8), row.getString(9)));
                    }
                    return row.getBoolean(6) ? message.asAnswered() : message;
                }, state.peerAckedSeq()));
        if (!unshipped.isEmpty()) {
            try {
                hold(unshipped);
            } catch (Exception e) {
                throw new IllegalStateException("cannot keep the unshipped messages", e);
            }
            LOG.warn("event=replication.salvaged messages={}", unshipped.size());
        }
    }

    private WebhookEvent event(String encrypted) {
        try {
            return json.readValue(crypto.decrypt(encrypted), WebhookEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException("a relayed event cannot be read", e);
        }
    }
}
