package io.conciergehub.ops;

import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.ops.RouteControl.RouteState;
import java.util.List;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/routes}: the routes with their group and state, and suspending and resuming a route
 * or a route group through {@link RouteControl}. What serves the API stays up: the routes of group
 * {@code api} and the REST entry routes before them cannot be suspended here, or an operator would
 * lock themselves out. Nor does it start what a stored pause holds (the workers' pause of group
 * {@code cloud}, the budget's of the paid pollers): that would undo the pause unseen while it still
 * says paused; RESUME_WORKERS lifts it.
 */
public final class RouteApi {

    static final String API_GROUP = RouteControl.API_GROUP;
    private static final Logger LOG = LoggerFactory.getLogger(RouteApi.class);

    private final RouteControl routes;
    private final StoredPauses pauses;

    public RouteApi(RouteControl routes, StoredPauses pauses) {
        this.routes = routes;
        this.pauses = pauses;
    }

    public ApiResponse list(@Header("group") String group) {
        List<RouteState> all = routes.routes();
        return ApiResponse.ok(group == null || group.isBlank() ? all
                : all.stream().filter(route -> group.equals(route.group())).toList());
    }

    public ApiResponse suspend(@Header("id") String id) throws Exception {
        RouteState route = known(id);
        if (servesApi(route)) {
            throw HttpProblem.conflict("route '" + id + "' serves the API; suspending it would lock operators out");
        }
        routes.suspend(id);
        LOG.info("event=routes.route-suspended route={} state={}", id, routes.status(id));
        return ApiResponse.ok(known(id));
    }

    public ApiResponse resume(@Header("id") String id) throws Exception {
        known(id);
        refuseIfHeld(List.of(id));
        routes.start(id);
        LOG.info("event=routes.route-resumed route={} state={}", id, routes.status(id));
        return ApiResponse.ok(known(id));
    }

    public ApiResponse suspendGroup(@Header("group") String group) throws Exception {
        members(group);
        if (API_GROUP.equals(group)) {
            throw HttpProblem.conflict("group 'api' serves the API; suspending it would lock operators out");
        }
        routes.suspendGroup(group);
        return ApiResponse.ok(new GroupState(group, members(group)));
    }

    public ApiResponse resumeGroup(@Header("group") String group) throws Exception {
        refuseIfHeld(members(group).stream().map(RouteState::id).toList());
        routes.startGroup(group);
        return ApiResponse.ok(new GroupState(group, members(group)));
    }

    /** 409 when a stored pause holds one of the routes: starting it would bypass the pause. */
    private void refuseIfHeld(List<String> ids) {
        for (String id : ids) {
            String held = pauses.holds(id);
            if (held != null) {
                throw HttpProblem.conflict("route '" + id + "' stays suspended: " + held);
            }
        }
    }

    private RouteState known(String id) {
        return routes.routes().stream().filter(route -> route.id().equals(id)).findFirst()
                .orElseThrow(() -> HttpProblem.notFound("no route has this id"));
    }

    /** The group's routes with their states now; 404 for a group without routes. */
    /** A group and its routes, in this order in the answer. */
    record GroupState(String group, List<RouteState> routes) {
    }

    private List<RouteState> members(String group) {
        List<RouteState> members = routes.routes().stream().filter(route -> group.equals(route.group())).toList();
        if (members.isEmpty()) {
            throw HttpProblem.notFound("no route is in this group");
        }
        return members;
    }

    private boolean servesApi(RouteState route) {
        return routes.servesApi(route.id());
    }
}
