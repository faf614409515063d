package io.conciergehub.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.ops.RouteControl.RouteState;
import java.util.List;
import java.util.Map;
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
        refuseIfHeld(id);
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

    /**
     * Starts the group's routes but those a stored pause holds (the budget's holds flights and
     * weather, not the rest of group cloud), as WorkerControl.apply does; the held ones are named in
     * {@code held} with why. 409 when a pause holds every route of the group.
     */
    public ApiResponse resumeGroup(@Header("group") String group) throws Exception {
        List<String> ids = members(group).stream().map(RouteState::id).toList();
        Map<String, String> held = pauses.held(ids);
        if (!held.isEmpty() && held.size() == ids.size()) {
            throw HttpProblem.conflict(StoredPauses.staySuspended(held));
        }
        routes.startGroup(group, held.keySet());
        if (!held.isEmpty()) {
            LOG.info("event=routes.group-held group={} held={}", group, String.join(",", held.keySet()));
        }
        return ApiResponse.ok(new GroupState(group, members(group), held.isEmpty() ? null : held));
    }

    /** 409 when a stored pause holds the route: starting it would bypass the pause. */
    private void refuseIfHeld(String id) {
        String held = pauses.holds(id);
        if (held != null) {
            throw HttpProblem.conflict("route '" + id + "' stays suspended: " + held);
        }
    }

    private RouteState known(String id) {
        return routes.routes().stream().filter(route -> route.id().equals(id)).findFirst()
                .orElseThrow(() -> HttpProblem.notFound("no route has this id"));
    }

    /**
     * A group and its routes, in this order in the answer; after a resume, the routes a stored pause
     * left suspended and why (absent when none).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GroupState(String group, List<RouteState> routes, Map<String, String> held) {

        GroupState(String group, List<RouteState> routes) {
            this(group, routes, null);
        }
    }

    /** The group's routes with their states now; 404 for a group without routes. */
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
