package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.store.FieldCrypto;
import io.conciergehub.support.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A command dead letter put back with {@code POST /api/mesh/dead-letters/{id}/replay} runs at once,
 * like a command just submitted, not at the next sweep of waiting commands.
 */
class AReplayedCommandRunsAtOnceTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    /** A payload encrypted with another key: the worker cannot read it. */
    static final String UNREADABLE = new FieldCrypto("another-key-of-thirty-two-bytes!".getBytes()).encrypt("{}");

    @Test
    void aReplayedCommandRunsWithoutWaitingForTheSweep() throws Exception {
        Path dataDir;
        String id;
        String payload;
        try (TestHub hub = TestHub.builder().property("concierge.encryption-key", KEY).start()) {
            dataDir = hub.dataDir();
            // Stored, not run: the worker is suspended, as an operator would over JMX.
            hub.context().getRouteController().suspendRoute("mesh-commands-worker");
            id = MeshJson.body(hub.postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"TEST\"}")).path("id")
                    .asText();
            payload = hub.text("SELECT payload_enc FROM commands WHERE id = '" + id + "'");
            hub.update("UPDATE commands SET payload_enc = '" + UNREADABLE + "' WHERE id = '" + id + "'");
        }
        // The hub cannot read the command's payload: it fails into a dead letter. Then it is readable again.
        try (TestHub hub = TestHub.builder().dataDir(dataDir).property("concierge.encryption-key", KEY)
                .property("mesh.command-attempts", "1").start()) {
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    hub.count("SELECT COUNT(*) FROM dead_letters WHERE source = 'commands'") == 1);
            hub.update("UPDATE commands SET payload_enc = '" + payload + "' WHERE id = '" + id + "'");
        }

        try (TestHub hub = TestHub.builder().dataDir(dataDir).property("concierge.encryption-key", KEY)
                .property("concierge.sweep-interval", "10m").start()) {
            long letter = hub.count("SELECT id FROM dead_letters WHERE source = 'commands'");
            // The sweep takes commands that waited 5 s, every 10 minutes: a replayed one is not among them.

            assertThat(hub.postApi("/api/mesh/dead-letters/" + letter + "/replay", TestHub.API_KEY, "").statusCode())
                    .isEqualTo(202);

            await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(MeshJson.body(
                    hub.getApi("/api/mesh/commands/" + id, TestHub.API_KEY)).path("status").asText()));
        }
    }
}
