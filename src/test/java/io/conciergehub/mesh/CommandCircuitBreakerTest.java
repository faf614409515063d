package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Commands that keep failing open the execution's circuit breaker: new submissions are refused
 * with 503 and Retry-After instead of piling up, the stored commands wait in the queue (none failed,
 * no dead letter), and once the breaker closes each of them runs, exactly once. The failure played
 * here is an operator's: the stored command payloads were overwritten (an sqlite3 session gone
 * wrong) so they cannot be read, then put back.
 */
class CommandCircuitBreakerTest {

    static final List<String> PHONES = List.of("+393351118001", "+393351118002", "+393351118003", "+393351118004");

    @Test
    void failingExecutionsOpenTheBreakerSubmissionsGet503AndTheQueuedCommandsRunOnceItCloses() throws Exception {
        try (TestHub hub = TestHub.builder().property("mesh.circuit.minimum-calls", "2")
                .property("mesh.circuit.window-size", "2").property("mesh.circuit.open-duration", "5s")
                .property("mesh.command-attempts", "20").start()) {
            // The worker is stopped (route control, as an operator would over JMX) so the commands stay queued.
            hub.context().getRouteController().suspendRoute("mesh-commands-worker");
            List<String> ids = new ArrayList<>();
            for (String phone : PHONES) {
                ids.add(Commands.submit(hub, "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone
                        + "\",\"template\":\"4711\"}}"));
            }
            Map<String, String> payloads = new LinkedHashMap<>();
            for (String id : ids) {
                payloads.put(id, hub.text("SELECT payload_enc FROM commands WHERE id = '" + id + "'"));
            }
            hub.update("UPDATE commands SET payload_enc = 'unreadable'");
            hub.context().getRouteController().resumeRoute("mesh-commands-worker");

            await().atMost(Duration.ofSeconds(15)).until(() -> MeshJson.body(hub.getApi("/api/mesh/stats",
                    TestHub.API_KEY)).path("circuits").path("command-execution").asText().equals("open"));

            HttpResponse<String> refused = hub.postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"TEST\"}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(MeshJson.body(refused).path("error").asText()).isEqualTo("unavailable");
            // Nothing was lost and nothing gave up: every stored command waits in the queue.
            assertThat(hub.count("SELECT COUNT(*) FROM commands")).as("the refused one is not stored").isEqualTo(4);
            assertThat(hub.count("SELECT COUNT(*) FROM commands WHERE state = 'queued'")).isEqualTo(4);
            assertThat(hub.count("SELECT COUNT(*) FROM dead_letters WHERE source = 'commands'")).isZero();
            assertThat(PHONES.stream().mapToLong(phone -> OutboundLog.to(hub, phone).size()).sum()).isZero();

            for (Map.Entry<String, String> payload : payloads.entrySet()) {
                hub.update("UPDATE commands SET payload_enc = '" + payload.getValue() + "' WHERE id = '"
                        + payload.getKey() + "'");
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> hub.count(
                    "SELECT COUNT(*) FROM commands WHERE state = 'succeeded'") == 4);
            await().atMost(Duration.ofSeconds(10)).until(() -> PHONES.stream()
                    .allMatch(phone -> OutboundLog.to(hub, phone).size() == 1));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> PHONES.stream()
                    .allMatch(phone -> OutboundLog.to(hub, phone).size() == 1));
            assertThat(hub.count("SELECT COUNT(*) FROM outbox")).as("one message per command").isEqualTo(4);
            assertThat(hub.count("SELECT COUNT(*) FROM dead_letters WHERE source = 'commands'")).isZero();
        }
    }
}
