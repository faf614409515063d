package io.conciergehub.ops;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.management.DefaultManagementObjectStrategy;
import org.apache.camel.management.mbean.ManagedRouteGroup;
import org.apache.camel.management.mbean.ManagedSuspendableRoute;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * What the MBeans (JMX, Jolokia at {@code /observe/jolokia}) of the routes and route groups refuse,
 * as {@code /api/routes} does; jolokia-access.xml cannot say this, since an MBean's name carries a
 * route's id, not its group, and nothing of the node's role:
 * <ul>
 * <li>what serves the API ({@link RouteControl#servesApi}: group {@code api}, each route of it, the
 * REST entry routes) refuses to stop or suspend, so that operators cannot lock themselves out;</li>
 * <li>on a passive node, the routes only the active node runs (groups {@code consumers} and
 * {@code cloud}, {@link RouteControl#activeNodeOnly}) refuse to start or resume: started
 * there, they would send what the active node sends too;</li>
 * <li>those routes refuse to start or resume, on any node, while a stored pause holds them
 * ({@link StoredPauses}: the workers' pause, the night's, the budget's): nothing would suspend them
 * again until the pause changes, so an operator's resume would bypass it. A group's start starts
 * the routes no pause holds and leaves the held ones, naming them.</li>
 * </ul>
 */
public final class GuardedRouteMBeans extends DefaultManagementObjectStrategy {

    /** Whether the routes of the active node may run now: asked before each start or resume. */
    private final Guard guard;

    private GuardedRouteMBeans(Guard guard) {
        this.guard = guard;
    }

    /** This node's role and the stored pauses, as a start or resume through JMX must respect them. */
    private record Guard(BooleanSupplier nodeActive, StoredPauses pauses) {

        /** Refuses unless this node is active and no stored pause holds one of the routes. */
        void mayRun(String what, List<String> routeIds) {
            Map<String, String> held = mayRunBut(what, routeIds);
            if (!held.isEmpty()) {
                throw new IllegalStateException(StoredPauses.staySuspended(held));
            }
        }

        /**
         * Refuses unless this node is active and some of the routes may run; the ones a stored
         * pause holds, each with why, for the caller to leave as they are.
         */
        Map<String, String> mayRunBut(String what, List<String> routeIds) {
            if (!nodeActive.getAsBoolean()) {
                throw new IllegalStateException("this node is passive: " + what
                        + " runs on the active node only; control the active node's routes");
            }
            Map<String, String> held = pauses.held(routeIds);
            if (!held.isEmpty() && held.size() == routeIds.size()) {
                throw new IllegalStateException(StoredPauses.staySuspended(held));
            }
            return held;
        }
    }

    /**
     * Replaces Camel's MBean factory. camel-main may set up management again after the
     * configuration classes ran, so it is installed once more when the context initialises,
     * before any route's MBean is made.
     *
     * @param nodeActive whether this node is the active one (always, without a peer, once started)
     * @param pauses     what a stored pause holds suspended now (asked at each start or resume)
     */
    public static void install(CamelContext context, BooleanSupplier nodeActive, StoredPauses pauses) {
        Guard guard = new Guard(nodeActive, pauses);
        context.getManagementStrategy().setManagementObjectStrategy(new GuardedRouteMBeans(guard));
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextInitializing(CamelContext initializing) {
                initializing.getManagementStrategy().setManagementObjectStrategy(new GuardedRouteMBeans(guard));
            }
        });
    }

    @Override
    public Object getManagedObjectForRoute(CamelContext context, Route route) {
        // Both kinds offer suspend and resume, as Camel's for a route that supports suspension; for
        // one that does not, Camel's route controller stops and starts it instead.
        ManagedSuspendableRoute managed;
        if (RouteControl.servesApi(route)) {
            managed = new ApiRoute(context, route);
        } else if (RouteControl.activeNodeOnly(route.getGroup())) {
            managed = new ActiveNodeRoute(context, route, guard);
        } else {
            return super.getManagedObjectForRoute(context, route);
        }
        managed.init(context.getManagementStrategy());
        return managed;
    }

    @Override
    public Object getManagedObjectForRouteGroup(CamelContext context, String group) {
        ManagedRouteGroup managed;
        if (RouteControl.API_GROUP.equals(group)) {
            managed = new ApiGroup(context, group);
        } else if (RouteControl.activeNodeOnly(group)) {
            managed = new ActiveNodeGroup(context, group, guard);
        } else {
            return super.getManagedObjectForRouteGroup(context, group);
        }
        managed.init(context.getManagementStrategy());
        return managed;
    }

    static IllegalStateException servesTheApi(String what) {
        return new IllegalStateException(what + " serves the API; stopping it would lock operators out");
    }

    /** Public: JMX calls the operations by reflection. Start stays possible. */
    public static final class ApiGroup extends ManagedRouteGroup {

        ApiGroup(CamelContext context, String group) {
            super(context, group);
        }

        @Override
        public void stop() {
            throw servesTheApi("group '" + getRouteGroup() + "'");
        }
    }

    /** Public: JMX calls the operations by reflection. Stop stays possible. */
    public static final class ActiveNodeGroup extends ManagedRouteGroup {

        private final Guard guard;

        ActiveNodeGroup(CamelContext context, String group, Guard guard) {
            super(context, group);
            this.guard = guard;
        }

        /**
         * Starts the group's routes but those a stored pause holds, as WorkerControl.apply and
         * {@code /api/routes} do (the budget's pause holds flights and weather, not the rest of
         * group cloud); refused when it holds them all. With some held, the answer is an error
         * naming them and their pause, after the others were started: JMX's start returns nothing
         * else that Hawtio would show.
         */
        @Override
        public void start() throws Exception {
            RouteControl routes = new RouteControl(context);
            Map<String, String> held = guard.mayRunBut("group '" + getRouteGroup() + "'", routes.groupRouteIds(group));
            routes.startGroup(group, held.keySet());
            if (!held.isEmpty()) {
                throw new IllegalStateException("group '" + group + "' started but what a stored pause holds: "
                        + StoredPauses.staySuspended(held));
            }
        }
    }

    /** Public: JMX calls the operations by reflection. Start and resume stay possible, to bring back a route that failed. */
    public static final class ApiRoute extends ManagedSuspendableRoute {

        ApiRoute(CamelContext context, Route route) {
            super(context, route);
        }

        private IllegalStateException refused() {
            return servesTheApi("route '" + getRouteId() + "'");
        }

        @Override
        public void stop() {
            throw refused();
        }

        @Override
        public void stop(long timeout) {
            throw refused();
        }

        @Override
        public boolean stop(Long timeout, Boolean abortAfterTimeout) {
            throw refused();
        }

        @Override
        public void stopAndFail() {
            throw refused();
        }

        @Override
        public void restart() {
            throw refused();
        }

        @Override
        public void restart(long delay) {
            throw refused();
        }

        @Override
        public void suspend() {
            throw refused();
        }

        @Override
        public void suspend(long timeout) {
            throw refused();
        }
    }

    /** Public: JMX calls the operations by reflection. Stop and suspend stay possible. */
    public static final class ActiveNodeRoute extends ManagedSuspendableRoute {

        private final Guard guard;

        ActiveNodeRoute(CamelContext context, Route route, Guard guard) {
            super(context, route);
            this.guard = guard;
        }

        private void mayRun() {
            guard.mayRun("route '" + getRouteId() + "'", List.of(getRouteId()));
        }

        @Override
        public void start() throws Exception {
            mayRun();
            super.start();
        }

        @Override
        public void resume() throws Exception {
            mayRun();
            super.resume();
        }

        @Override
        public void restart() throws Exception {
            mayRun();
            super.restart();
        }

        @Override
        public void restart(long delay) throws Exception {
            mayRun();
            super.restart(delay);
        }
    }
}
