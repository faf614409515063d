package io.conciergehub.mesh;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.TestHub;
import java.time.Duration;

/** Submits commands to a hub and reads their status, as an outside system does. */
final class Commands {

    private Commands() {
    }

    /** Submits {@code command} and returns its id. */
    static String submit(TestHub hub, String command) throws Exception {
        return MeshJson.body(hub.postApi("/api/mesh/commands", TestHub.API_KEY, command)).path("id").asText();
    }

    /** Submits {@code command} and waits until it has run: its final state. */
    static JsonNode runToEnd(TestHub hub, String command) throws Exception {
        String id = submit(hub, command);
        await().atMost(Duration.ofSeconds(10)).until(() -> !status(hub, id).path("status").asText().matches("queued|running"));
        return status(hub, id);
    }

    /** {@code GET /api/mesh/commands/{id}}. */
    static JsonNode status(TestHub hub, String id) throws Exception {
        return MeshJson.body(hub.getApi("/api/mesh/commands/" + id, TestHub.API_KEY));
    }
}
