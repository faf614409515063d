package io.conciergehub.ops;

import static io.conciergehub.support.Jolokia.PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Jolokia;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JMX over HTTP for Hawtio at /observe/jolokia is behind the hub's API gate: only an admin key
 * (as a bearer token or X-API-Key) gets in, a body over the hub's limit is refused, and each
 * request leaves an audit line like every API request.
 */
class JolokiaIsBehindTheApiGateTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void onlyAnAdminKeyGetsIn() throws Exception {
        String version = "{\"type\":\"version\"}";
        HttpResponse<String> none = env.hub().postJson(PATH, version);
        HttpResponse<String> wrong = env.hub().postJson(PATH, version, "Authorization", "Bearer not-a-key");
        HttpResponse<String> readOnly = env.hub().postJson(PATH, version, "Authorization", "Bearer " + TestHub.READ_KEY);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(env.hub().get(PATH + "/list").statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(none.body()).contains("\"error\":\"unauthorized\"");
        assertThat(readOnly.statusCode()).isEqualTo(403);
        assertThat(readOnly.body()).contains("\"error\":\"forbidden\"", "admin");
        assertThat(readOnly.headers().firstValue("RateLimit-Remaining")).isPresent();

        JsonNode admitted = new Jolokia(env.hub()).call("{\"type\":\"version\"}");
        assertThat(admitted.path("value").path("agent").asText()).startsWith("2.");
        assertThat(env.hub().getApi(PATH + "/version", TestHub.API_KEY).statusCode()).as("X-API-Key works too")
                .isEqualTo(200);
    }

    @Test
    void aBodyOverTheHubsLimitIsRefused() throws Exception {
        String huge = "[" + "{\"type\":\"version\"},".repeat(80_000) + "{\"type\":\"version\"}]";

        assertThat(env.hub().postJson(PATH, huge, "Authorization", "Bearer " + TestHub.API_KEY).statusCode())
                .isEqualTo(413);
    }

    @Test
    void eachRequestLeavesAnAuditLine() throws Exception {
        int before = env.hub().log().auditLines().size(); // the hub is shared by the tests of this class
        new Jolokia(env.hub()).call("{\"type\":\"version\"}");
        env.hub().postJson(PATH, "{\"type\":\"version\"}", "Authorization", "Bearer " + TestHub.READ_KEY);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(env.hub().log().auditLinesSince(before))
                .anyMatch(line -> line.matches(".*method=POST path=/observe/jolokia key=[0-9a-f]{8} status=200 .*"))
                .anyMatch(line -> line.matches(".*method=POST path=/observe/jolokia key=[0-9a-f]{8} status=403 .*")));
        assertThat(String.join("\n", env.hub().log().auditLinesSince(before))).doesNotContain(TestHub.API_KEY, TestHub.READ_KEY);
    }
}
