package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /api/routes: an operator with an admin key lists the routes with their group and state, and
 * suspends and resumes a route or a route group; what serves the API cannot be suspended.
 */
class RouteApiTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theListShowsEveryRouteWithItsGroupStateAndDescription() throws Exception {
        JsonNode routes = body(env.hub().getApi("/api/routes", TestHub.API_KEY), 200);

        assertThat(stream(routes).map(route -> route.path("group").asText()))
                .contains("ingest", "consumers", "cloud", "api");
        assertThat(stream(routes).filter(route -> route.path("group").isTextual()))
                .allSatisfy(route -> {
                    assertThat(route.path("id").asText()).isNotBlank();
                    assertThat(route.path("state").asText()).isEqualTo("Started");
                    assertThat(route.path("description").asText()).isNotBlank()
                            .as("a templated route's description names its own parameters").doesNotContain("{{");
                });
        assertThat(ids(routes)).contains("outbox-dispatch", "events-poll", "guest-inbound-spoki", "route-control-list");

        JsonNode cloud = body(env.hub().getApi("/api/routes?group=cloud", TestHub.API_KEY), 200);
        assertThat(stream(cloud)).isNotEmpty()
                .allSatisfy(route -> assertThat(route.path("group").asText()).isEqualTo("cloud"));
    }

    @Test
    void groupCloudIsSuspendedAndResumed() throws Exception {
        int audited = auditLines().size(); // the log is shared with the tests that ran before
        List<String> cloud = ids(body(env.hub().getApi("/api/routes?group=cloud", TestHub.API_KEY), 200));

        JsonNode suspended = body(env.hub().postApi("/api/routes/groups/cloud/suspend", TestHub.API_KEY, ""), 200);
        // The routes that take work on their own stop taking it; those behind direct: endpoints stay
        // up, so that exchanges already in flight can finish.
        assertThat(ids(suspended.path("routes"))).isEqualTo(cloud);
        List<String> taking = stream(suspended.path("routes")).filter(route -> route.path("state").asText()
                .equals("Suspended")).map(route -> route.path("id").asText()).toList();
        assertThat(taking).contains("outbox-dispatch", "outbox-sweep", "events-poll", "events-drain")
                .doesNotContain("outbox-attempt", "events-send");
        for (String id : cloud) {
            assertThat(state(id)).as(id).isEqualTo(taking.contains(id) ? "Suspended" : "Started");
        }
        assertThat(states("consumers")).as("other groups keep running").containsOnly("Started");
        assertThat(body(env.hub().getApi("/api/mesh/stats", TestHub.API_KEY), 200).path("workersPaused").asBoolean())
                .isTrue();

        JsonNode resumed = body(env.hub().postApi("/api/routes/groups/cloud/resume", TestHub.API_KEY, ""), 200);
        assertThat(ids(resumed.path("routes"))).isEqualTo(cloud);
        assertThat(states("cloud")).containsOnly("Started");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(auditLines().stream().skip(audited))
                .anyMatch(line -> line.matches(
                        ".*method=POST path=/api/routes/groups/cloud/suspend key=[0-9a-f]{8} status=200 .*")));
    }

    @Test
    void oneRouteIsSuspendedAndResumed() throws Exception {
        JsonNode suspended = body(env.hub().postApi("/api/routes/mesh-commands-sweep/suspend", TestHub.API_KEY, ""), 200);
        assertThat(suspended.path("id").asText()).isEqualTo("mesh-commands-sweep");
        assertThat(suspended.path("state").asText()).isEqualTo("Suspended");
        assertThat(state("mesh-commands-sweep")).isEqualTo("Suspended");

        JsonNode resumed = body(env.hub().postApi("/api/routes/mesh-commands-sweep/resume", TestHub.API_KEY, ""), 200);
        assertThat(resumed.path("state").asText()).isEqualTo("Started");
        assertThat(state("mesh-commands-sweep")).isEqualTo("Started");
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

        assertThat(states("api")).containsOnly("Started");
        assertThat(env.hub().get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAnAdminKeyMayListOrControlRoutes() throws Exception {
        assertThat(env.hub().getApi("/api/routes", null).statusCode()).isEqualTo(401);
        assertThat(env.hub().getApi("/api/routes", "not-a-key").statusCode()).isEqualTo(401);
        assertThat(body(env.hub().getApi("/api/routes", TestHub.READ_KEY), 403).path("detail").asText()).contains("admin");
        assertThat(env.hub().postApi("/api/routes/groups/cloud/suspend", null, "").statusCode()).isEqualTo(401);
        assertThat(env.hub().postApi("/api/routes/groups/cloud/suspend", TestHub.COMMANDS_KEY, "").statusCode())
                .isEqualTo(403);
        assertThat(env.hub().postApi("/api/routes/events-poll/suspend", TestHub.SYNC_KEY, "").statusCode()).isEqualTo(403);

        assertThat(states("cloud")).as("refused requests change nothing").containsOnly("Started");
    }

    // ---- helpers ---------------------------------------------------------------------------

    static JsonNode body(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    static List<String> states(String group) throws Exception {
        return stream(body(env.hub().getApi("/api/routes?group=" + group, TestHub.API_KEY), 200))
                .map(route -> route.path("state").asText()).toList();
    }

    static String state(String id) throws Exception {
        return stream(body(env.hub().getApi("/api/routes", TestHub.API_KEY), 200))
                .filter(route -> route.path("id").asText().equals(id)).findFirst().orElseThrow()
                .path("state").asText();
    }

    static List<String> ids(JsonNode routes) {
        return stream(routes).map(route -> route.path("id").asText()).toList();
    }

    static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    static List<String> auditLines() throws Exception {
        return Files.readAllLines(Path.of("target/test-logs/hub.log"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("event=api.request")).toList();
    }
}
