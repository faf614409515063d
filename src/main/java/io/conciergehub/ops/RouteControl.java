package io.conciergehub.ops;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RouteController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, suspends and resumes routes and route groups through Camel's route controller: the one
 * place the failover logic, {@code PAUSE_WORKERS} and the operators' {@code /api/routes} use.
 */
public final class RouteControl {

    /**
     * Whether the route is suspended now, or its suspension (its own or its group's, through route
     * control) is under way. A suspended seda consumer still hands on what its last poll took: a
     * queue's worker asks this before it takes work, and leaves it queued. A route that works through
     * a backlog in one exchange (events-drain) asks it between two items: Camel's route status says
     * Started until the exchanges in flight have ended, which is what a suspension waits for.
     */
    public BooleanSupplier suspended(String routeId) {
        return () -> status(routeId) == ServiceStatus.Suspended || suspending.contains(routeId);
    }

    /** The group of the routes that serve the API (this API, /health, /metrics). */
    public static final String API_GROUP = "api";
    /** The groups that only the active node of a pair runs: its consumers, and the cloud-facing work. */
    public static final String CONSUMERS_GROUP = "consumers";
    public static final String CLOUD_GROUP = "cloud";

    /** Whether the routes of {@code group} (null: none) run on the active node of a pair only. */
    public static boolean activeNodeOnly(String group) {
        return CONSUMERS_GROUP.equals(group) || CLOUD_GROUP.equals(group);
    }
    private static final Logger LOG = LoggerFactory.getLogger(RouteControl.class);

    private final CamelContext context;
    // The routes whose suspension is under way (see suspended).
    private final Set<String> suspending = ConcurrentHashMap.newKeySet();

    public RouteControl(CamelContext context) {
        this.context = context;
    }

    /** One route as operators see it. */
    public record RouteState(String id, String group, String state, String description) {
    }

    public List<RouteState> routes() {
        return context.getRoutes().stream().sorted(Comparator.comparing(Route::getRouteId))
                .map(route -> new RouteState(route.getRouteId(), route.getGroup(), status(route.getRouteId()).name(),
                        route.getDescription()))
                .toList();
    }

    public List<String> groupRouteIds(String group) {
        return context.getRoutes().stream().filter(route -> group.equals(route.getGroup())).map(Route::getRouteId)
                .sorted().toList();
    }

    public ServiceStatus status(String routeId) {
        ServiceStatus status = controller().getRouteStatus(routeId);
        return status == null ? ServiceStatus.Stopped : status;
    }

    /**
     * Starts the group's routes that are not running: stopped ones are started, suspended ones
     * resumed. Queues first: a route that feeds one of them may wait for its answer.
     */
    public List<String> startGroup(String group) throws Exception {
        return startGroup(group, List.of());
    }

    /** The same but for the routes {@code except} names, which are left as they are. */
    public List<String> startGroup(String group, java.util.Collection<String> except) throws Exception {
        List<String> ids = groupRouteIds(group).stream().filter(id -> !except.contains(id))
                .sorted(Comparator.comparing(id -> !takesFrom(id, "seda:"))).toList();
        for (String id : ids) {
            start(id);
        }
        LOG.info("event=routes.group-started group={} routes={}", group, ids.size());
        return ids;
    }

    /**
     * Suspends the group's routes that take work on their own (timers, queues, HTTP): they take no
     * new work, exchanges in flight finish. Routes behind {@code direct:} endpoints stay up, since
     * those exchanges in flight still pass through them. Queues last: a route that hands a queue
     * its work and waits for the answer (events-poll, events-drain's) may fire until it is itself
     * suspended, and a suspended queue would leave that exchange waiting until Camel's shutdown
     * timeout forced the route down.
     */
    public List<String> suspendGroup(String group) throws Exception {
        List<String> ids = groupRouteIds(group).stream()
                .filter(id -> !takesFrom(id, "direct:"))
                .sorted(Comparator.comparing(id -> takesFrom(id, "seda:"))).toList();
        // All of them first: the one suspended first may wait for an exchange of one suspended later.
        suspending.addAll(ids);
        try {
            for (String id : ids) {
                suspend(id);
            }
        } finally {
            suspending.removeAll(ids);
        }
        LOG.info("event=routes.group-suspended group={} routes={}", group, ids.size());
        return ids;
    }

    /** Whether the route's consumer is of this scheme ({@code seda:}: an in-memory queue, which other routes may feed). */
    private boolean takesFrom(String routeId, String scheme) {
        return context.getRoute(routeId).getEndpoint().getEndpointUri().startsWith(scheme);
    }

    public void start(String routeId) throws Exception {
        switch (status(routeId)) {
            case Suspended, Suspending -> controller().resumeRoute(routeId);
            case Stopped, Stopping, Initialized -> controller().startRoute(routeId);
            default -> { }
        }
    }

    public void suspend(String routeId) throws Exception {
        if (status(routeId) == ServiceStatus.Started) {
            boolean own = suspending.add(routeId);
            try {
                controller().suspendRoute(routeId);
            } finally {
                if (own) {
                    suspending.remove(routeId);
                }
            }
        }
    }

    /** Whether the route serves the API (group {@code api}, or a REST entry route, in no group): it stays up. */
    public boolean servesApi(String routeId) {
        Route route = context.getRoute(routeId);
        return route != null && servesApi(route);
    }

    static boolean servesApi(Route route) {
        return API_GROUP.equals(route.getGroup()) || route.isCreatedByRestDsl();
    }

    private RouteController controller() {
        return context.getRouteController();
    }
}
