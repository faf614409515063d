package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JMX over HTTP for Hawtio at /observe/jolokia: only an admin key gets in, and then only what
 * jolokia-access.xml allows (reading Camel and JVM MBeans, route and circuit breaker operations);
 * nothing else of Camel's management server is served.
 */
class JolokiaAccessTest {

    static final String JOLOKIA = "/observe/jolokia";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void onlyAnAdminKeyGetsIn() throws Exception {
        String version = "{\"type\":\"version\"}";
        HttpResponse<String> none = env.hub().postJson(JOLOKIA, version);
        HttpResponse<String> wrong = env.hub().postJson(JOLOKIA, version, "Authorization", "Bearer not-a-key");
        HttpResponse<String> readOnly = env.hub().postJson(JOLOKIA, version, "Authorization", "Bearer " + TestHub.READ_KEY);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(env.hub().get(JOLOKIA + "/list").statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(none.body()).contains("\"error\":\"unauthorized\"");
        assertThat(readOnly.statusCode()).isEqualTo(403);
        assertThat(readOnly.body()).contains("\"error\":\"forbidden\"", "admin");
        assertThat(readOnly.headers().firstValue("RateLimit-Remaining")).isPresent();

        JsonNode admitted = jolokia("{\"type\":\"version\"}");
        assertThat(admitted.path("value").path("agent").asText()).startsWith("2.");
        assertThat(env.hub().getApi(JOLOKIA + "/version", TestHub.API_KEY).statusCode()).as("X-API-Key works too")
                .isEqualTo(200);
    }

    @Test
    void aRouteIsReadSuspendedAndResumedThroughJmx() throws Exception {
        String route = mbean("org.apache.camel:type=routes,*", "mesh-commands-sweep");

        assertThat(read(route, "State").path("value").asText()).isEqualTo("Started");
        assertThat(exec(route, "suspend()").path("status").asInt()).isEqualTo(200);
        assertThat(read(route, "State").path("value").asText()).isEqualTo("Suspended");
        assertThat(stateInRouteApi("mesh-commands-sweep")).as("the route controller sees it").isEqualTo("Suspended");

        assertThat(exec(route, "resume").path("status").asInt()).isEqualTo(200);
        assertThat(stateInRouteApi("mesh-commands-sweep")).isEqualTo("Started");
    }

    @Test
    void aRouteGroupIsStoppedAndStartedThroughJmx() throws Exception {
        String group = mbean("org.apache.camel:type=routegroups,*", "cloud");

        assertThat(exec(group, "stop()").path("status").asInt()).isEqualTo(200);
        assertThat(statesInRouteApi("cloud")).containsOnly("Stopped");

        assertThat(exec(group, "start").path("status").asInt()).isEqualTo(200);
        assertThat(statesInRouteApi("cloud")).containsOnly("Started");
    }

    @Test
    void aCircuitBreakerIsForcedOpenAndClosedThroughJmx() throws Exception {
        String breaker = mbean("org.apache.camel:type=processors,*", "command-execution");

        assertThat(exec(breaker, "transitionToForcedOpenState").path("status").asInt()).isEqualTo(200);
        assertThat(read(breaker, "CircuitBreakerState").path("value").asText()).isEqualTo("FORCED_OPEN");
        assertThat(circuitInStats()).isEqualTo("forced_open");

        assertThat(exec(breaker, "transitionToCloseState").path("status").asInt()).isEqualTo(200);
        assertThat(circuitInStats()).isEqualTo("closed");
    }

    @Test
    void thePolicyRefusesEverythingElse() throws Exception {
        String route = mbean("org.apache.camel:type=routes,*", "events-poll");
        String context = mbean("org.apache.camel:type=context,*", "concierge-hub");
        Path heapDump = Files.createTempDirectory("jolokia-").resolve("heap.hprof");

        assertRefused(exec("java.lang:type=Memory", "gc"));
        assertRefused(exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap", heapDump.toString(), true));
        assertRefused(exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties"));
        assertRefused(exec(context, "stop"));
        assertRefused(exec(route, "remove"));
        assertRefused(exec(route, "stopAndFail()"));
        assertRefused(exec(route, "dumpRouteAsXml(boolean)", true));
        assertRefused(write("java.lang:type=Memory", "Verbose", true));
        assertRefused(write(route, "Tracing", true));
        assertRefused(read("JMImplementation:type=MBeanServerDelegate", "MBeanServerId"));
        assertRefused(read("java.lang:type=Runtime", "SystemProperties"));
        assertRefused(read("java.lang:type=Runtime", "InputArguments"));

        assertThat(read("java.lang:type=Runtime", "Uptime").path("status").asInt()).isEqualTo(200);
        assertThat(read("java.lang:type=Memory", "HeapMemoryUsage").path("status").asInt()).isEqualTo(200);
        assertThat(heapDump).doesNotExist();
        assertThat(read(route, "State").path("value").asText()).isEqualTo("Started");
        assertThat(env.hub().get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void nothingElseOfCamelsManagementServerIsServed() throws Exception {
        for (String path : List.of("/observe/health", "/observe/health/ready", "/observe/info", "/observe/metrics")) {
            assertThat(env.hub().get(path).statusCode()).as(path).isEqualTo(401);
            assertThat(env.hub().getApi(path, TestHub.API_KEY).statusCode()).as(path).isEqualTo(404);
        }
        for (String path : List.of("/q/dev", "/q/info", "/q/send", "/q/download", "/q/upload/x")) {
            assertThat(env.hub().get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void aBodyOverTheHubsLimitIsRefused() throws Exception {
        String huge = "[" + "{\"type\":\"version\"},".repeat(80_000) + "{\"type\":\"version\"}]";

        assertThat(env.hub().postJson(JOLOKIA, huge, "Authorization", "Bearer " + TestHub.API_KEY).statusCode())
                .isEqualTo(413);
    }

    @Test
    void eachRequestLeavesAnAuditLine() throws Exception {
        int before = auditLines().size(); // the log is shared with the tests that ran before
        jolokia("{\"type\":\"version\"}");
        env.hub().postJson(JOLOKIA, "{\"type\":\"version\"}", "Authorization", "Bearer " + TestHub.READ_KEY);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(auditLinesSince(before))
                .anyMatch(line -> line.matches(".*method=POST path=/observe/jolokia key=[0-9a-f]{8} status=200 .*"))
                .anyMatch(line -> line.matches(".*method=POST path=/observe/jolokia key=[0-9a-f]{8} status=403 .*")));
        assertThat(String.join("\n", auditLinesSince(before))).doesNotContain(TestHub.API_KEY, TestHub.READ_KEY);
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** A Jolokia request as Hawtio sends it: POST with the key as a bearer token; Jolokia's answer. */
    static JsonNode jolokia(String request) throws Exception {
        HttpResponse<String> answer = env.hub().postJson(JOLOKIA, request, "Authorization", "Bearer " + TestHub.API_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** The MBean of that type whose name key is the given one, found as Hawtio finds it: by search. */
    static String mbean(String pattern, String name) throws Exception {
        JsonNode found = jolokia(JSON.createObjectNode().put("type", "search").put("mbean", pattern).toString());
        return StreamSupport.stream(found.path("value").spliterator(), false).map(JsonNode::asText)
                .filter(mbean -> mbean.contains("name=\"" + name + "\"") || mbean.contains("name=" + name + ","))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + found));
    }

    static JsonNode read(String mbean, String attribute) throws Exception {
        return jolokia(request("read", mbean).put("attribute", attribute).toString());
    }

    static JsonNode write(String mbean, String attribute, Object value) throws Exception {
        return jolokia(request("write", mbean).put("attribute", attribute).putPOJO("value", value).toString());
    }

    static JsonNode exec(String mbean, String operation, Object... arguments) throws Exception {
        ObjectNode request = request("exec", mbean).put("operation", operation);
        request.putPOJO("arguments", arguments);
        return jolokia(request.toString());
    }

    static ObjectNode request(String type, String mbean) {
        return JSON.createObjectNode().put("type", type).put("mbean", mbean);
    }

    /** Jolokia answers a refused request with HTTP 200 and status 403 in its JSON. */
    static void assertRefused(JsonNode answer) {
        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.has("value")).isFalse();
    }

    static String stateInRouteApi(String id) throws Exception {
        return routesInRouteApi("").filter(route -> route.path("id").asText().equals(id)).findFirst().orElseThrow()
                .path("state").asText();
    }

    static List<String> statesInRouteApi(String group) throws Exception {
        return routesInRouteApi("?group=" + group).map(route -> route.path("state").asText()).toList();
    }

    static Stream<JsonNode> routesInRouteApi(String query) throws Exception {
        JsonNode routes = JSON.readTree(env.hub().getApi("/api/routes" + query, TestHub.API_KEY).body());
        return StreamSupport.stream(routes.spliterator(), false);
    }

    static String circuitInStats() throws Exception {
        return JSON.readTree(env.hub().getApi("/api/mesh/stats", TestHub.API_KEY).body()).path("circuits")
                .path("command-execution").asText();
    }

    static List<String> auditLines() throws Exception {
        return Files.readAllLines(Path.of("target/test-logs/hub.log"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("event=api.request")).toList();
    }

    static List<String> auditLinesSince(int count) throws Exception {
        List<String> lines = auditLines();
        return lines.subList(count, lines.size());
    }
}
