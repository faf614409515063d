package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commands accepted by {@code POST /api/mesh/commands} and {@code /batch} go to the worker at once,
 * not at the next sweep of waiting commands, and the messages they queue go to the outbox at once,
 * not at the outbox's next sweep.
 */
class AcceptedCommandsRunAtOnceTest {

    // The sweep takes commands that waited 5 s, every 10 minutes: none submitted here is among them.
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("concierge.sweep-interval", "10m"));

    @Test
    void aSubmittedCommandRuns() throws Exception {
        String id = MeshJson.body(env.hub().postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"TEST\"}"))
                .path("id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(status(id)));
    }

    @Test
    void everyCommandABatchAcceptedRuns() throws Exception {
        JsonNode results = MeshJson.body(env.hub().postApi("/api/mesh/commands/batch", TestHub.API_KEY,
                "{\"commands\":[{\"action\":\"TEST\"},{\"action\":\"TEST\"}]}")).path("results");
        assertThat(results).hasSize(2);

        for (JsonNode result : results) {
            String id = result.path("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(status(id)));
        }
    }

    @Test
    void theMessageACommandQueuesIsSentAtOnce() throws Exception {
        String phone = "+393357770001";
        String id = MeshJson.body(env.hub().postApi("/api/mesh/commands", TestHub.API_KEY,
                "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone + "\",\"template\":\"welcome_1\","
                        + "\"language\":\"it\",\"customFields\":{\"GUEST_NAME\":\"Anna\"}}}")).path("id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(status(id)));
        assertThat(OutboundLog.to(env.hub(), phone)).as("the template sent").hasSize(1);
    }

    static String status(String id) throws Exception {
        return MeshJson.body(env.hub().getApi("/api/mesh/commands/" + id, TestHub.API_KEY)).path("status").asText();
    }
}
