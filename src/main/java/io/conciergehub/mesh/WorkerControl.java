package io.conciergehub.mesh;

import io.conciergehub.ops.RouteControl;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pause of the cloud-facing work the hub does on its own (route group {@code cloud}: event
 * forwarding, the flight and weather watches): PAUSE_WORKERS and RESUME_WORKERS by hand, the night
 * and idle schedule (watchers) on its own. Work keeps arriving and queues up durably while they are
 * paused. Messages to guests (group {@code consumers}) are never paused: a guest is answered
 * whatever the hour.
 *
 * <p>The pause is stored (table {@code worker_pause}: paused, by whom, why, since when), so it
 * survives a restart and, the table replicating, a failover: the node that takes the role keeps
 * {@code cloud} suspended while it says paused.
 */
public final class WorkerControl {

    public static final String GROUP = "cloud";
    /** Who paused by hand: {@code command:<API key id>}. */
    public static final String BY_COMMAND = "command:";
    /** Why the work is paused. */
    public static final String NIGHT = "night";
    public static final String IDLE = "idle";
    public static final String COMMAND = "command";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerControl.class);

    /** The stored pause: {@code by} who last changed it, {@code reason} why it is paused (null once resumed), since when. */
    public record Pause(boolean paused, String by, String reason, Instant since) {

        /** Paused by hand (PAUSE_WORKERS): only RESUME_WORKERS lifts it. */
        public boolean byHand() {
            return by != null && by.startsWith(BY_COMMAND);
        }

        /** As /health and the stats show it. */
        public Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("paused", paused);
            view.put("by", by);
            view.put("reason", reason);
            view.put("since", since == null ? null : since.toString());
            return view;
        }
    }

    private final RouteControl routes;
    private final Database db;
    private final Clock clock;

    public WorkerControl(RouteControl routes, Database db, Clock clock) {
        this.routes = routes;
        this.db = db;
        this.clock = clock;
    }

    /** PAUSE_WORKERS: pauses whatever paused it before; {@code keyId} the submitting key's. */
    public List<String> pause(String keyId) throws Exception {
        change(current -> paused(BY_COMMAND + keyId, COMMAND));
        return routes.suspendGroup(GROUP);
    }

    /** RESUME_WORKERS: lifts any pause, the schedule's too. */
    public List<String> resume(String keyId) throws Exception {
        change(current -> resumed(BY_COMMAND + keyId));
        return routes.startGroup(GROUP);
    }

    /** A pause by {@code by} for {@code reason}, from now. */
    public Pause paused(String by, String reason) {
        return new Pause(true, by, reason, clock.instant());
    }

    /** Resumed by {@code by}, from now. */
    public Pause resumed(String by) {
        return new Pause(false, by, null, clock.instant());
    }

    /**
     * Decides on the stored pause and applies what was decided: the decision sees the current one
     * and answers it unchanged (nothing happens) or the next one, stored before the routes follow.
     * One decision at a time, so a command and the schedule never undo each other unseen.
     */
    public synchronized Pause change(UnaryOperator<Pause> decision) throws Exception {
        Pause current = state();
        Pause next = decision.apply(current);
        if (next.equals(current)) {
            return current;
        }
        db.writeDurably(c -> Sql.update(c, "UPDATE worker_pause SET paused = ?, paused_by = ?, reason = ?, since = ?"
                + " WHERE id = 1", next.paused() ? 1 : 0, next.by(), next.reason(),
                next.since() == null ? null : next.since().toEpochMilli()));
        if (next.paused()) {
            routes.suspendGroup(GROUP);
            LOG.info("event=workers.paused by={} reason={}", next.by(), next.reason());
        } else {
            routes.startGroup(GROUP);
            LOG.info("event=workers.resumed by={}", next.by());
        }
        return next;
    }

    /** The stored pause. */
    public Pause state() {
        return db.read(c -> Sql.one(c, "SELECT paused, paused_by, reason, since FROM worker_pause WHERE id = 1",
                row -> new Pause(row.getInt(1) == 1, row.getString(2), row.getString(3),
                        row.getObject(4) == null ? null : Instant.ofEpochMilli(row.getLong(4))))
                .orElse(new Pause(false, null, null, null)));
    }

    /** Whether the stored pause says paused: a node that takes the role keeps the work suspended. */
    public boolean held() {
        return state().paused();
    }

    /** Whether the work is paused now: by the stored pause, or an operator suspended a route of it (/api/routes). */
    public boolean paused() {
        return held() || routes.anySuspended(GROUP);
    }
}
