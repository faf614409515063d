package io.conciergehub.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.TestHub;

/** Submits commands to a hub and reads their status, as an outside system does. */
final class Commands {

    private Commands() {
    }

    /** Submits {@code command} and returns its id. */
    static String submit(TestHub hub, String command) throws Exception {
        return MeshJson.body(hub.postApi("/api/mesh/commands", TestHub.API_KEY, command)).path("id").asText();
    }

    /** {@code GET /api/mesh/commands/{id}}. */
    static JsonNode status(TestHub hub, String id) throws Exception {
        return MeshJson.body(hub.getApi("/api/mesh/commands/" + id, TestHub.API_KEY));
    }
}
