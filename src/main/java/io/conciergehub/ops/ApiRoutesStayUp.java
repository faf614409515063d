package io.conciergehub.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.management.DefaultManagementObjectStrategy;
import org.apache.camel.management.mbean.ManagedRouteGroup;
import org.apache.camel.management.mbean.ManagedSuspendableRoute;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * The MBeans (JMX, Jolokia at {@code /observe/jolokia}) of the routes that serve the API refuse
 * to stop or suspend, as {@code /api/routes} does with 409: group {@code api} and each route of
 * it, and the REST entry routes ({@link RouteControl#servesApi}). jolokia-access.xml cannot say
 * this: an MBean's name carries a route's id, not its group.
 */
public final class ApiRoutesStayUp extends DefaultManagementObjectStrategy {

    /**
     * Replaces Camel's MBean factory. camel-main may set up management again after the
     * configuration classes ran, so it is installed once more when the context initialises,
     * before any route's MBean is made.
     */
    public static void install(CamelContext context) {
        context.getManagementStrategy().setManagementObjectStrategy(new ApiRoutesStayUp());
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextInitializing(CamelContext initializing) {
                initializing.getManagementStrategy().setManagementObjectStrategy(new ApiRoutesStayUp());
            }
        });
    }

    @Override
    public Object getManagedObjectForRoute(CamelContext context, Route route) {
        if (!RouteControl.servesApi(route)) {
            return super.getManagedObjectForRoute(context, route);
        }
        ManagedSuspendableRoute managed = new GuardedRoute(context, route);
        managed.init(context.getManagementStrategy());
        return managed;
    }

    @Override
    public Object getManagedObjectForRouteGroup(CamelContext context, String group) {
        if (!RouteControl.API_GROUP.equals(group)) {
            return super.getManagedObjectForRouteGroup(context, group);
        }
        ManagedRouteGroup managed = new GuardedGroup(context, group);
        managed.init(context.getManagementStrategy());
        return managed;
    }

    static IllegalStateException refused(String what) {
        return new IllegalStateException(what + " serves the API; stopping it would lock operators out");
    }

    /** Public: JMX calls the operations by reflection. Start stays possible. */
    public static final class GuardedGroup extends ManagedRouteGroup {

        GuardedGroup(CamelContext context, String group) {
            super(context, group);
        }

        @Override
        public void stop() {
            throw refused("group '" + getRouteGroup() + "'");
        }
    }

    /** Public: JMX calls the operations by reflection. Start and resume stay possible, to bring back a route that failed. */
    public static final class GuardedRoute extends ManagedSuspendableRoute {

        GuardedRoute(CamelContext context, Route route) {
            super(context, route);
        }

        private IllegalStateException refused() {
            return ApiRoutesStayUp.refused("route '" + getRouteId() + "'");
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
}
