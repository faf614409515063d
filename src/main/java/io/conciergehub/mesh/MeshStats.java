package io.conciergehub.mesh;

import io.conciergehub.api.ApiResponse;
import io.conciergehub.events.DeadLetters;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.messaging.Inbox;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.ops.CostMeter;
import io.conciergehub.ops.NodeStatus;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /api/mesh/stats}: one look at the hub's state for staff tools and the peer node. */
public final class MeshStats {

    private final Database db;
    private final CostMeter costs;
    private final Inbox inbox;
    private final Outbox outbox;
    private final CommandStore commands;
    private final EventBuffer events;
    private final CircuitBreakerRegistry breakers;
    private final WorkerControl workers;
    private final NodeStatus node;

    public MeshStats(Database db, Inbox inbox, Outbox outbox, CommandStore commands, EventBuffer events,
            CircuitBreakerRegistry breakers, WorkerControl workers, NodeStatus node, CostMeter costs) {
        this.db = db;
        this.costs = costs;
        this.inbox = inbox;
        this.outbox = outbox;
        this.commands = commands;
        this.events = events;
        this.breakers = breakers;
        this.workers = workers;
        this.node = node;
    }

    public ApiResponse stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("role", node.role());
        stats.put("active", node.active());
        stats.put("epoch", node.epoch());
        stats.put("peer", node.peerView());
        db.read(c -> {
            Map<String, Map<String, Long>> messages = new TreeMap<>();
            Sql.list(c, "SELECT direction, status, COUNT(*) FROM messages GROUP BY direction, status", row -> {
                messages.computeIfAbsent(row.getString(1), k -> new TreeMap<>()).put(row.getString(2), row.getLong(3));
                return null;
            });
            stats.put("messages", messages);
            return null;
        });
        Map<String, Long> queues = new LinkedHashMap<>();
        queues.put("outbox", outbox.depth());
        queues.put("inboundPending", inbox.pending());
        queues.put("commands", commands.queued());
        stats.put("queues", queues);
        stats.put("deadLetters", db.read(DeadLetters::waiting));
        Map<String, Object> buffer = new LinkedHashMap<>();
        buffer.put("enabled", events.enabled());
        buffer.put("size", events.size());
        buffer.put("oldestAgeSeconds", events.oldestAgeMillis().map(ms -> ms / 1000).orElse(null));
        stats.put("eventBuffer", buffer);
        Map<String, String> circuits = new TreeMap<>();
        breakers.getAllCircuitBreakers().forEach(b -> circuits.put(b.getName(), b.getState().name().toLowerCase(Locale.ROOT)));
        stats.put("circuits", circuits);
        WorkerControl.Pause pause = workers.state();
        stats.put("workersPaused", workers.paused()); // an operator's /api/routes suspension counts too
        // Who paused or last resumed them (schedule-night, schedule-idle, schedule, command:<key id>), why, since when.
        stats.put("workersPausedBy", pause.by());
        stats.put("workersPauseReason", pause.reason());
        stats.put("workersPausedSince", pause.since() == null ? null : pause.since().toString());
        // The budget's pause of the paid pollers (flights, weather) and the LLM: paused, by, reason, since.
        stats.put("paidPollers", workers.paidState().view());
        stats.put("costs", costs.monthToDate());
        return ApiResponse.ok(stats);
    }
}
