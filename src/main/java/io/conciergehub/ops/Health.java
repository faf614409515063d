package io.conciergehub.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiKeys;
import io.conciergehub.api.HttpRequests;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * {@code /health}: 503 DOWN while the hub starts and when the database cannot take a write (locked, a sync
 * to disk failed, or less than {@code health.min-free-disk} free for the data directory), 200 DEGRADED with reasons when
 * Redis is unreachable, a provider circuit is open, the peer encrypts with another key or a watched component
 * (the reservations mailbox) reports trouble, 200 UP otherwise (a detail such as the workers' pause is no fault).
 * Anyone may read the status; the details (role, checks, depths) need an API key.
 */
public final class Health {

    private final Database db;
    private final RedissonClient redis;
    private final CircuitBreakerRegistry breakers;
    private final ApiKeys apiKeys;
    private final ObjectMapper json;
    private final NodeStatus node;
    private final String provider;
    private final List<String> alertChannels;
    private final File dataDir;
    private final long minFreeDiskBytes;
    private final List<Watched> watched = new CopyOnWriteArrayList<>();
    private final Map<String, Supplier<Object>> details = new ConcurrentHashMap<>();

    /** A component of a higher layer that reports its own trouble (e.g. the reservations mailbox). */
    private record Watched(String name, Supplier<Optional<String>> problem) {
    }

    /**
     * @param alertChannels the channels staff alerts go to (slack, email); empty: alerts are off
     * @param minFreeDiskBytes below this much usable space in the file system of {@code dataDir}
     *     the hub is DOWN: the database (its log, a checkpoint) cannot count on a write
     */
    public Health(Database db, RedissonClient redis, CircuitBreakerRegistry breakers, ApiKeys apiKeys, ObjectMapper json,
            NodeStatus node, String provider, List<String> alertChannels, Path dataDir, long minFreeDiskBytes) {
        this.db = db;
        this.redis = redis;
        this.breakers = breakers;
        this.apiKeys = apiKeys;
        this.json = json;
        this.node = node;
        this.provider = provider;
        this.alertChannels = alertChannels;
        this.dataDir = dataDir.toAbsolutePath().normalize().toFile();
        this.minFreeDiskBytes = minFreeDiskBytes;
    }

    /**
     * Reports a component's state under {@code checks.<name>}: UP, or DEGRADED with the reason the
     * supplier gives (never a secret). Higher layers register theirs when they are configured.
     */
    public void watch(String name, Supplier<Optional<String>> problem) {
        watched.add(new Watched(name, problem));
    }

    /**
     * Shows a state of a higher layer under {@code checks.<name>} that is no fault, whatever it says
     * (e.g. the workers' pause: who paused them, why, since when): the status does not change.
     */
    public void detail(String name, Supplier<Object> state) {
        details.put(name, state);
    }

    public void respond(Exchange exchange) throws Exception {
        Map<String, Object> checks = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        // Until every route runs (the webhooks' included) the hub is not ready to take anything.
        boolean down = !node.started();
        if (down) {
            reasons.add("starting: not every route is up yet");
        }
        if (node.keyMismatch()) {
            reasons.add("peer encrypts with another concierge.encryption-key: replication and promotion stopped");
        }
        try {
            long[] depths = db.probe(c -> {
                c.setAutoCommit(false); // IMMEDIATE mode: takes the write lock, proving writes can happen
                try {
                    return new long[] {Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')"),
                            Sql.count(c, "SELECT COUNT(*) FROM staff_alerts WHERE slack_pending = 1 OR email_pending = 1")};
                } finally {
                    c.rollback();
                }
            });
            checks.put("outboxDepth", depths[0]);
            checks.put("staffAlertsPending", depths[1]);
            if (db.durableWritesRefused()) {
                down = true;
                checks.put("database", "DOWN");
                reasons.add("database unusable: a sync of its log to disk failed; nothing is acknowledged until a restart");
            } else {
                checks.put("database", "UP");
            }
        } catch (Exception e) {
            down = true;
            checks.put("database", "DOWN");
            reasons.add("database unusable: " + e.getMessage());
        }
        // One statvfs call, as disk_free_bytes is read: the write lock the probe takes proves nothing of space.
        long freeDisk = dataDir.getUsableSpace();
        checks.put("diskFreeBytes", freeDisk);
        if (freeDisk < minFreeDiskBytes) {
            down = true;
            checks.put("disk", "DOWN");
            reasons.add("disk nearly full: " + (freeDisk >> 20) + " MB free for the data directory, less than"
                    + " health.min-free-disk: the database cannot take a write");
        } else {
            checks.put("disk", "UP");
        }
        if (redis == null) {
            checks.put("redis", "not configured (embedded fallbacks)");
        } else {
            try {
                redis.getBucket("concierge:health", StringCodec.INSTANCE).isExists();
                checks.put("redis", "UP");
            } catch (RuntimeException e) {
                checks.put("redis", "DOWN");
                reasons.add("redis unreachable: idempotency falls back to the database");
            }
        }
        Map<String, String> circuits = new LinkedHashMap<>();
        for (CircuitBreaker breaker : breakers.getAllCircuitBreakers()) {
            circuits.put(breaker.getName(), breaker.getState().name());
            if (breaker.getState() == CircuitBreaker.State.OPEN) {
                reasons.add("circuit " + breaker.getName() + " is open");
            }
        }
        checks.put("circuits", circuits);
        for (Watched component : watched) {
            Optional<String> problem = component.problem().get();
            checks.put(component.name(), problem.isPresent() ? "DEGRADED" : "UP");
            problem.ifPresent(reason -> reasons.add(component.name() + ": " + reason));
        }
        details.forEach((name, state) -> {
            try {
                checks.put(name, state.get());
            } catch (RuntimeException unreadable) { // the database's trouble is reported above
                checks.put(name, "unknown");
            }
        });
        checks.put("provider", provider);
        checks.put("staffAlerts", alertChannels.isEmpty() ? "not configured" : alertChannels);

        String status = down ? "DOWN" : reasons.isEmpty() ? "UP" : "DEGRADED";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if (apiKeys.authenticate(HttpRequests.header(exchange.getMessage(), "X-API-Key"),
                HttpRequests.header(exchange.getMessage(), "Authorization"))
                .filter(caller -> caller.may(ApiKeys.Scope.READ)).isPresent()) {
            body.put("role", node.role());
            body.put("active", node.active());
            body.put("epoch", node.epoch());
            body.put("peer", node.peerView());
            body.put("replicationLag", node.lagMillis());
            body.put("reasons", reasons);
            body.put("checks", checks);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, down ? 503 : 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (down) {
            exchange.getMessage().setHeader("Retry-After", "30");
        }
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }
}
