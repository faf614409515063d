package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every API request leaves one log line naming the key by its id; every command leaves rows in the audit table. */
class AuditTrailTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void requestsAreLoggedWithMethodPathKeyIdStatusAndDuration() throws Exception {
        // The hub (and its log) is shared by the tests of this class.
        int before = env.hub().log().auditLines().size();
        env.hub().postApi("/api/mesh/commands", TestHub.COMMANDS_KEY, "{\"action\":\"TEST\"}");
        env.hub().getApi("/api/mesh/stats", TestHub.COMMANDS_KEY);
        env.hub().getApi("/api/mesh/stats", "wrong-key");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(env.hub().log().auditLinesSince(before))
                .anyMatch(line -> line.matches(".*method=POST path=/api/mesh/commands key=[0-9a-f]{8} status=202"
                        + " durationMs=\\d+.*"))
                .anyMatch(line -> line.matches(".*method=GET path=/api/mesh/stats key=[0-9a-f]{8} status=403.*"))
                .anyMatch(line -> line.matches(".*method=GET path=/api/mesh/stats key=- status=401.*")));
        assertThat(String.join("\n", env.hub().log().auditLinesSince(before))).doesNotContain(TestHub.COMMANDS_KEY, "wrong-key");
    }

    @Test
    void eachCommandIsRecordedWhenQueuedAndWhenDone() throws Exception {
        String id = MeshJson.body(env.hub().postApi("/api/mesh/commands", TestHub.COMMANDS_KEY, "{\"action\":\"TEST\"}"))
                .path("id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM audit WHERE reference = '" + id + "'") == 2);
        assertThat(env.hub().text("SELECT group_concat(outcome, ',') FROM (SELECT outcome FROM audit WHERE reference = '"
                + id + "' ORDER BY id)")).isEqualTo("queued,succeeded");
        assertThat(env.hub().text("SELECT DISTINCT key_id FROM audit WHERE reference = '" + id + "'"))
                .matches("[0-9a-f]{8}");
    }
}
