package io.conciergehub.ops;

import static io.conciergehub.support.RouteApi.body;
import static io.conciergehub.support.RouteApi.ids;
import static io.conciergehub.support.RouteApi.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.RouteApi;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /api/routes/{id}/suspend|resume and /api/routes/groups/{group}/suspend|resume: an operator
 * with an admin key suspends and resumes a route or a route group; what takes work on its own stops
 * taking it, exchanges in flight finish, and other groups keep running.
 */
class RoutesAndRouteGroupsAreSuspendedAndResumedTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    /** The hub starts before any test instance is made. */
    final RouteApi routes = new RouteApi(env.hub());

    @Test
    void groupCloudIsSuspendedAndResumed() throws Exception {
        int audited = env.hub().log().auditLines().size(); // the hub is shared by the tests of this class
        List<String> cloud = ids(body(env.hub().getApi("/api/routes?group=cloud", TestHub.API_KEY), 200));

        JsonNode suspended = body(env.hub().postApi("/api/routes/groups/cloud/suspend", TestHub.API_KEY, ""), 200);
        // The routes that take work on their own stop taking it; those behind direct: endpoints stay
        // up, so that exchanges already in flight can finish.
        assertThat(ids(suspended.path("routes"))).isEqualTo(cloud);
        List<String> taking = stream(suspended.path("routes")).filter(route -> route.path("state").asText()
                .equals("Suspended")).map(route -> route.path("id").asText()).toList();
        assertThat(taking).contains("events-poll", "events-drain").doesNotContain("events-send");
        for (String id : cloud) {
            assertThat(routes.state(id)).as(id).isEqualTo(taking.contains(id) ? "Suspended" : "Started");
        }
        assertThat(routes.states("consumers")).as("other groups keep running").containsOnly("Started");
        assertThat(body(env.hub().getApi("/api/mesh/stats", TestHub.API_KEY), 200).path("workersPaused").asBoolean())
                .isTrue();

        JsonNode resumed = body(env.hub().postApi("/api/routes/groups/cloud/resume", TestHub.API_KEY, ""), 200);
        assertThat(ids(resumed.path("routes"))).isEqualTo(cloud);
        assertThat(routes.states("cloud")).containsOnly("Started");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(env.hub().log().auditLines().stream().skip(audited))
                .anyMatch(line -> line.matches(
                        ".*method=POST path=/api/routes/groups/cloud/suspend key=[0-9a-f]{8} status=200 .*")));
    }

    @Test
    void oneRouteIsSuspendedAndResumed() throws Exception {
        JsonNode suspended = body(env.hub().postApi("/api/routes/mesh-commands-sweep/suspend", TestHub.API_KEY, ""), 200);
        assertThat(suspended.path("id").asText()).isEqualTo("mesh-commands-sweep");
        assertThat(suspended.path("state").asText()).isEqualTo("Suspended");
        assertThat(routes.state("mesh-commands-sweep")).isEqualTo("Suspended");

        JsonNode resumed = body(env.hub().postApi("/api/routes/mesh-commands-sweep/resume", TestHub.API_KEY, ""), 200);
        assertThat(resumed.path("state").asText()).isEqualTo("Started");
        assertThat(routes.state("mesh-commands-sweep")).isEqualTo("Started");
    }
}
