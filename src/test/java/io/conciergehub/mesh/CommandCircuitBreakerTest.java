package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Commands that keep failing open the execution's circuit breaker: new submissions are refused
 * with 503 and Retry-After instead of piling up, and the stored commands are not lost. The
 * failure played here is an operator's: the hub restarted with another encryption key, so the
 * stored command payloads cannot be read.
 */
class CommandCircuitBreakerTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("another-key-of-thirty-two-bytes!".getBytes());

    @Test
    void failingExecutionsOpenTheBreakerAndSubmissionsGet503() throws Exception {
        Path dataDir;
        try (TestHub hub = TestHub.builder().property("concierge.encryption-key", KEY).start()) {
            dataDir = hub.dataDir();
            // The worker is stopped (route control, as an operator would over JMX) so the commands stay queued.
            hub.context().getRouteController().suspendRoute("mesh-commands-worker");
            for (int i = 0; i < 4; i++) {
                assertThat(hub.postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"TEST\"}").statusCode())
                        .isEqualTo(202);
            }
        }

        try (TestHub restarted = TestHub.builder().dataDir(dataDir).property("concierge.encryption-key", OTHER_KEY)
                .property("mesh.circuit.minimum-calls", "2").property("mesh.circuit.window-size", "2")
                .property("mesh.circuit.open-duration", "60s").start()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> MeshJson.body(restarted.getApi("/api/mesh/stats",
                    TestHub.API_KEY)).path("circuits").path("command-execution").asText().equals("open"));

            HttpResponse<String> refused = restarted.postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"TEST\"}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(MeshJson.body(refused).path("error").asText()).isEqualTo("unavailable");
            // Nothing was lost: every stored command is still waiting, or failed with a dead letter.
            assertThat(restarted.count("SELECT COUNT(*) FROM commands")).isEqualTo(4);
            assertThat(restarted.count("SELECT COUNT(*) FROM commands WHERE state = 'succeeded'")).isZero();
            assertThat(restarted.count("SELECT COUNT(*) FROM commands WHERE state = 'failed'"))
                    .isEqualTo(restarted.count("SELECT COUNT(*) FROM dead_letters WHERE source = 'commands'"));
        }
    }
}
