package io.conciergehub.mesh;

import io.conciergehub.api.HttpProblem;
import io.conciergehub.ops.RouteControl;
import io.conciergehub.ops.StoredPauses;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.camel.ServiceStatus;
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
 *
 * <p>Beside it, a second stored pause holds only the paid pollers (routes {@code flights} and
 * {@code weather}): the budget's, at 100 % of {@code costs.monthly-budget} (watchers/Budget), until
 * the next month or RESUME_WORKERS. Every start of the group goes through {@link #apply}, so neither
 * the morning resume, a failover nor {@code /api/routes} starts what a stored pause holds.
 */
public final class WorkerControl implements StoredPauses {

    public static final String GROUP = "cloud";
    /** Who paused by hand: {@code command:<API key id>}. */
    public static final String BY_COMMAND = "command:";
    /** Why the work is paused. */
    public static final String NIGHT = "night";
    public static final String IDLE = "idle";
    public static final String COMMAND = "command";
    /** Who and why the paid pollers are paused: the month's budget is spent. */
    public static final String BUDGET = "budget";
    /** The routes that call paid APIs on their own: the budget's pause holds them. */
    public static final List<String> PAID_POLLERS = List.of("flights", "weather");
    private static final int WORKERS_ROW = 1;
    private static final int PAID_ROW = 2;
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

    /** RESUME_WORKERS: lifts any pause, the schedule's and the budget's too. */
    public List<String> resume(String keyId) throws Exception {
        changePaid(current -> current.paused() ? resumed(BY_COMMAND + keyId) : current);
        change(current -> resumed(BY_COMMAND + keyId));
        apply();
        return routes.groupRouteIds(GROUP);
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
        return change(WORKERS_ROW, "workers", decision);
    }

    /** The same for the paid pollers' pause (the budget's): decided, stored, then the routes follow. */
    public synchronized Pause changePaid(UnaryOperator<Pause> decision) throws Exception {
        return change(PAID_ROW, "workers.paid", decision);
    }

    private Pause change(int row, String event, UnaryOperator<Pause> decision) throws Exception {
        Pause next = store(row, decision);
        if (next == null) {
            return state(row);
        }
        apply();
        if (next.paused()) {
            LOG.info("event={}.paused by={} reason={}", event, next.by(), next.reason());
        } else {
            LOG.info("event={}.resumed by={}", event, next.by());
        }
        return next;
    }

    /** The decision's next pause, stored; null when it left the current one as it was. */
    private Pause store(int row, UnaryOperator<Pause> decision) {
        Pause current = state(row);
        Pause next = decision.apply(current);
        if (next.equals(current)) {
            return null;
        }
        db.writeDurably(c -> Sql.update(c, "UPDATE worker_pause SET paused = ?, paused_by = ?, reason = ?, since = ?"
                + " WHERE id = ?", next.paused() ? 1 : 0, next.by(), next.reason(),
                next.since() == null ? null : next.since().toEpochMilli(), row));
        return next;
    }

    /**
     * The routes follow the stored pauses: group {@code cloud} suspended while the workers' pause
     * holds; else started, but for the paid pollers while the budget's holds. The one way the group
     * is started (commands, the schedule, the budget, the node that takes the role).
     */
    public synchronized List<String> apply() throws Exception {
        if (held()) {
            return routes.suspendGroup(GROUP);
        }
        if (paidHeld()) {
            for (String id : PAID_POLLERS) {
                routes.suspend(id);
            }
            return routes.startGroup(GROUP, PAID_POLLERS);
        }
        return routes.startGroup(GROUP);
    }

    /** Why {@code routeId} must stay suspended now (a stored pause holds it), or null: /api/routes asks before it starts one. */
    @Override
    public String holds(String routeId) {
        if (!routes.groupRouteIds(GROUP).contains(routeId)) {
            return null;
        }
        Pause workers = state();
        if (workers.paused()) {
            return "the cloud-facing work is paused (reason " + workers.reason() + ", by " + workers.by()
                    + "); RESUME_WORKERS lifts it";
        }
        Pause paid = paidState();
        if (PAID_POLLERS.contains(routeId) && paid.paused()) {
            return "the paid pollers are paused (reason " + paid.reason() + ", by " + paid.by()
                    + "); RESUME_WORKERS lifts it";
        }
        return null;
    }

    /**
     * 409 unless the route runs: a request that hands it work and waits for the answer (POST
     * /api/mesh/sync/queue, the event drain's) would otherwise wait, unanswered, until it is resumed.
     */
    public void requireRunning(String routeId) {
        ServiceStatus status = routes.status(routeId);
        if (status != ServiceStatus.Started) {
            String held = holds(routeId);
            throw HttpProblem.conflict(held != null ? held
                    : "route '" + routeId + "' is " + status.name().toLowerCase(Locale.ROOT) + "; resume it through /api/routes");
        }
    }

    /** The stored pause. */
    public Pause state() {
        return state(WORKERS_ROW);
    }

    /** The paid pollers' stored pause (the budget's). */
    public Pause paidState() {
        return state(PAID_ROW);
    }

    private Pause state(int row) {
        return db.read(c -> Sql.one(c, "SELECT paused, paused_by, reason, since FROM worker_pause WHERE id = ?",
                r -> new Pause(r.getInt(1) == 1, r.getString(2), r.getString(3),
                        r.getObject(4) == null ? null : Instant.ofEpochMilli(r.getLong(4))), row)
                .orElse(new Pause(false, null, null, null)));
    }

    /** Whether the budget's stored pause holds the paid pollers (and keeps the LLM from being asked). */
    public boolean paidHeld() {
        return paidState().paused();
    }

    /** Whether the stored pause says paused: a node that takes the role keeps the work suspended. */
    public boolean held() {
        return state().paused();
    }

    /**
     * Whether the work is paused now: by the stored pause, or an operator suspended a route of it
     * (/api/routes). The paid pollers the budget holds are the budget's pause, shown on their own.
     */
    public boolean paused() {
        if (held()) {
            return true;
        }
        boolean paidHeld = paidHeld();
        return routes.groupRouteIds(GROUP).stream().filter(id -> !(paidHeld && PAID_POLLERS.contains(id)))
                .anyMatch(id -> routes.status(id) == ServiceStatus.Suspended);
    }
}
