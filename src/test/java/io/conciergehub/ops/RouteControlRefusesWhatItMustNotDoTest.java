package io.conciergehub.ops;

import static io.conciergehub.support.RouteApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.RouteApi;
import io.conciergehub.support.TestHub;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /api/routes refuses, in JSON and changing nothing: callers without an admin key (401, 403), an
 * unknown route or group (404), and suspending what serves the API itself (409).
 */
class RouteControlRefusesWhatItMustNotDoTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    /** The hub starts before any test instance is made. */
    final RouteApi routes = new RouteApi(env.hub());

    @Test
    void onlyAnAdminKeyMayListOrControlRoutes() throws Exception {
        assertThat(env.hub().getApi("/api/routes", null).statusCode()).isEqualTo(401);
        assertThat(env.hub().getApi("/api/routes", "not-a-key").statusCode()).isEqualTo(401);
        assertThat(body(env.hub().getApi("/api/routes", TestHub.READ_KEY), 403).path("detail").asText()).contains("admin");
        assertThat(env.hub().postApi("/api/routes/groups/cloud/suspend", null, "").statusCode()).isEqualTo(401);
        assertThat(env.hub().postApi("/api/routes/groups/cloud/suspend", TestHub.COMMANDS_KEY, "").statusCode())
                .isEqualTo(403);
        assertThat(env.hub().postApi("/api/routes/events-poll/suspend", TestHub.SYNC_KEY, "").statusCode()).isEqualTo(403);

        assertThat(routes.states("cloud")).as("refused requests change nothing").containsOnly("Started");
    }

    @Test
    void anUnknownRouteOrGroupIs404() throws Exception {
        assertThat(body(env.hub().postApi("/api/routes/no-such-route/suspend", TestHub.API_KEY, ""), 404)
                .path("error").asText()).isEqualTo("not_found");
        body(env.hub().postApi("/api/routes/no-such-route/resume", TestHub.API_KEY, ""), 404);
        body(env.hub().postApi("/api/routes/groups/no-such-group/suspend", TestHub.API_KEY, ""), 404);
        body(env.hub().postApi("/api/routes/groups/no-such-group/resume", TestHub.API_KEY, ""), 404);
    }

    @Test
    void whatServesTheApiCannotBeSuspended() throws Exception {
        JsonNode group = body(env.hub().postApi("/api/routes/groups/api/suspend", TestHub.API_KEY, ""), 409);
        assertThat(group.path("error").asText()).isEqualTo("conflict");
        assertThat(group.path("detail").asText()).contains("lock");
        for (String route : List.of("route-control-list", "route-control-rest-suspend", "ops-health",
                "mesh-api-rest-stats")) {
            assertThat(body(env.hub().postApi("/api/routes/" + route + "/suspend", TestHub.API_KEY, ""), 409)
                    .path("error").asText()).as(route).isEqualTo("conflict");
        }

        assertThat(routes.states("api")).containsOnly("Started");
        assertThat(env.hub().get("/health").statusCode()).isEqualTo(200);
    }
}
