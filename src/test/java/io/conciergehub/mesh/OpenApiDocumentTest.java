package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /openapi.json describes every operation of the mesh API, the peer API, /api/routes and the staff
 * console's, and how to authenticate.
 */
class OpenApiDocumentTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void theDocumentListsEveryOperationAndTheApiKey() throws Exception {
        HttpResponse<String> answer = env.hub().get("/openapi.json");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode document = MeshJson.body(answer);
        assertThat(document.path("openapi").asText()).startsWith("3.");
        JsonNode paths = document.path("paths");
        assertThat(paths.path("/api/mesh/commands").has("post")).isTrue();
        assertThat(paths.path("/api/mesh/commands/batch").has("post")).isTrue();
        assertThat(paths.path("/api/mesh/commands/{id}").has("get")).isTrue();
        assertThat(paths.path("/api/mesh/events").has("post")).isTrue();
        assertThat(paths.path("/api/mesh/guests/query").has("post")).isTrue();
        assertThat(paths.path("/api/mesh/sync/bookings").has("post")).isTrue();
        assertThat(paths.path("/api/mesh/sync/queue").has("post")).isTrue();
        assertThat(paths.path("/api/mesh/stats").has("get")).isTrue();
        assertThat(paths.path("/api/mesh/dead-letters").has("get")).isTrue();
        assertThat(paths.path("/api/mesh/dead-letters/{id}/replay").has("post")).isTrue();
        // The peer API (failover-peer-api.camel.yaml) shares the path.
        for (String peerCall : new String[] {"/heartbeat", "/sync/changes", "/sync/snapshot", "/relay",
                "/failover/handback", "/failover/takeover"}) {
            assertThat(paths.path("/api/mesh" + peerCall).has("post")).as(peerCall).isTrue();
        }
        assertThat(paths.path("/api/mesh/sync/snapshots/{name}").has("get")).isTrue();
        assertThat(paths.path("/api/routes").has("get")).isTrue();
        assertThat(paths.path("/api/routes/{id}/suspend").has("post")).isTrue();
        assertThat(paths.path("/api/routes/{id}/resume").has("post")).isTrue();
        assertThat(paths.path("/api/routes/groups/{group}/suspend").has("post")).isTrue();
        assertThat(paths.path("/api/routes/groups/{group}/resume").has("post")).isTrue();
        // The staff console (console.camel.yaml): sessions, and its API.
        assertThat(paths.path("/console/session").has("post")).isTrue();
        assertThat(paths.path("/console/session").has("delete")).isTrue();
        assertThat(paths.path("/console/session/refresh").has("post")).isTrue();
        assertThat(paths.path("/console/session/logout-everywhere").has("post")).isTrue();
        assertThat(paths.path("/api/console/me").has("get")).isTrue();
        assertThat(paths.path("/api/console/staff").has("get")).isTrue();
        assertThat(paths.path("/api/console/staff").has("post")).isTrue();
        for (String change : new String[] {"disable", "enable", "password"}) {
            assertThat(paths.path("/api/console/staff/{name}/" + change).has("post")).as(change).isTrue();
        }
        JsonNode scheme = document.path("components").path("securitySchemes").path("apiKey");
        assertThat(scheme.path("in").asText()).isEqualTo("header");
        assertThat(scheme.path("name").asText()).isEqualTo("X-API-Key");
        JsonNode session = document.path("components").path("securitySchemes").path("consoleSession");
        assertThat(session.path("in").asText()).isEqualTo("cookie");
        assertThat(session.path("name").asText()).isEqualTo("console_session");
    }

    @Test
    void theServerIsNamedWithThePortTheHubListensOn() throws Exception {
        JsonNode servers = MeshJson.body(env.hub().get("/openapi.json")).path("servers");

        int port = java.net.URI.create(env.hub().url("/")).getPort();
        assertThat(servers.path(0).path("url").asText()).matches("http://[^/]+:" + port)
                .doesNotContain("0.0.0.0");
    }
}
