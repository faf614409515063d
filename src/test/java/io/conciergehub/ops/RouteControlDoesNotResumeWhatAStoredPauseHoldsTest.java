package io.conciergehub.ops;

import static io.conciergehub.support.RouteApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.RouteApi;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the workers' stored pause says paused (PAUSE_WORKERS), /api/routes does not start group
 * cloud or one of its routes behind it: 409, saying that RESUME_WORKERS lifts the pause, and the
 * work stays paused. Once resumed, the same request is answered as before.
 */
class RouteControlDoesNotResumeWhatAStoredPauseHoldsTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    final RouteApi routes = new RouteApi(env.hub());

    @Test
    void theStoredPauseIsLiftedOnlyByResumeWorkers() throws Exception {
        assertThat(command("PAUSE_WORKERS")).isEqualTo("succeeded");
        assertThat(routes.state("events-poll")).isEqualTo("Suspended");

        JsonNode group = body(env.hub().postApi("/api/routes/groups/cloud/resume", TestHub.API_KEY, ""), 409);
        assertThat(group.path("error").asText()).isEqualTo("conflict");
        assertThat(group.path("detail").asText()).contains("paused", "RESUME_WORKERS");
        body(env.hub().postApi("/api/routes/events-poll/resume", TestHub.API_KEY, ""), 409);
        assertThat(routes.state("events-poll")).as("the pause holds").isEqualTo("Suspended");
        assertThat(env.hub().getApi("/api/mesh/stats", TestHub.API_KEY).body()).contains("\"workersPaused\":true");

        assertThat(command("RESUME_WORKERS")).isEqualTo("succeeded");
        assertThat(routes.state("events-poll")).isEqualTo("Started");
        body(env.hub().postApi("/api/routes/events-poll/suspend", TestHub.API_KEY, ""), 200);
        body(env.hub().postApi("/api/routes/groups/cloud/resume", TestHub.API_KEY, ""), 200);
        assertThat(routes.state("events-poll")).isEqualTo("Started");
    }

    private static String command(String action) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String id = json.readTree(env.hub().postApi("/api/mesh/commands", TestHub.API_KEY,
                "{\"action\":\"" + action + "\"}").body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> !status(json, id).matches("queued|running"));
        return status(json, id);
    }

    private static String status(ObjectMapper json, String id) throws Exception {
        return json.readTree(env.hub().getApi("/api/mesh/commands/" + id, TestHub.API_KEY).body()).path("status").asText();
    }
}
