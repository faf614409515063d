package io.conciergehub.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The security review of the HTTP surface: every route walked without a key, with a wrong key,
 * with a key lacking the scope, with oversize, malformed and mistyped bodies, and with SQL and
 * script payloads in every string field. Refused requests store and change nothing.
 */
class SecurityReviewTest {

    static final EventSinkStub sink = new EventSinkStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> sink.configure(hub.scopedKeys())
            .property("api.rate-limit", "100000")
            // Events stay in the buffer while the sink is down, not dead-lettered in the middle of a probe.
            .property("events.max-attempts", "1000000")
            // Relayed guest messages are answered at once, so that the hub is quiet between two probes.
            .property("messaging.recipient-spacing", "1"));

    @BeforeAll
    static void sinkDown() {
        // Events stay in the buffer, so its row count changes only when a request stores one.
        sink.answer(aResponse().withStatus(503));
    }

    @AfterAll
    static void stopSink() {
        sink.close();
    }

    /** An API operation: how to call it well, and a key that lacks its scope. */
    record Operation(String method, String path, String validBody, String keyWithoutScope) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Operation> operations() {
        return Stream.of(
                new Operation("POST", "/api/mesh/commands", "{\"action\":\"SEND_MESSAGE\",\"idempotencyKey\":\"k-1\","
                        + "\"payload\":{\"phone\":\"+393331112233\",\"message\":\"Hello\",\"language\":\"en\"}}",
                        TestHub.READ_KEY),
                new Operation("POST", "/api/mesh/commands/batch", "{\"commands\":[{\"action\":\"UPDATE_GUEST\","
                        + "\"payload\":{\"phone\":\"+393331112233\",\"updates\":{\"status\":\"in-house\","
                        + "\"email\":\"a@example.org\",\"flightNumber\":\"AZ611\",\"name\":\"Ann\"}}}]}",
                        TestHub.SYNC_KEY),
                new Operation("GET", "/api/mesh/commands/cmd-1", null, TestHub.EVENTS_KEY),
                new Operation("POST", "/api/mesh/events", "{\"id\":\"e-1\",\"type\":\"job.done\",\"data\":{\"note\":\"x\"}}",
                        TestHub.COMMANDS_KEY),
                new Operation("POST", "/api/mesh/guests/query", "{\"phone\":\"+393331112233\",\"email\":\"a@example.org\","
                        + "\"flightNumber\":\"AZ611\",\"arrivalFrom\":\"2026-12-01\",\"arrivalTo\":\"2026-12-31\","
                        + "\"status\":\"in-house\"}", TestHub.EVENTS_KEY),
                new Operation("POST", "/api/mesh/sync/bookings", "{\"bookings\":[{\"externalId\":\"B-1\",\"source\":\"smoobu\","
                        + "\"guestName\":\"Ann\",\"phone\":\"+393331112233\",\"email\":\"a@example.org\",\"language\":\"it\","
                        + "\"arrival\":\"2026-12-01\",\"departure\":\"2026-12-03\",\"apartment\":\"Blu\","
                        + "\"flightNumber\":\"AZ611\",\"status\":\"confirmed\"}]}", TestHub.COMMANDS_KEY),
                new Operation("POST", "/api/mesh/sync/queue", null, TestHub.READ_KEY),
                new Operation("GET", "/api/mesh/stats", null, TestHub.COMMANDS_KEY),
                new Operation("GET", "/api/mesh/dead-letters", null, TestHub.SYNC_KEY),
                new Operation("POST", "/api/mesh/dead-letters/1/replay", null, TestHub.READ_KEY),
                new Operation("GET", "/metrics", null, TestHub.COMMANDS_KEY),
                new Operation("GET", "/api/routes", null, TestHub.READ_KEY),
                new Operation("POST", "/api/routes/events-poll/suspend", null, TestHub.SYNC_KEY),
                new Operation("POST", "/api/routes/events-poll/resume", null, TestHub.COMMANDS_KEY),
                new Operation("POST", "/api/routes/groups/cloud/suspend", null, TestHub.EVENTS_KEY),
                new Operation("POST", "/api/routes/groups/cloud/resume", null, TestHub.READ_KEY),
                new Operation("POST", "/observe/jolokia", null, TestHub.READ_KEY),
                new Operation("GET", "/observe/jolokia/list", null, TestHub.COMMANDS_KEY),
                // The hand-back, for operators (the peer's signed calls: PeerCallsAreThePairsAloneTest).
                new Operation("POST", "/api/mesh/failover/handback", null, TestHub.EVENTS_KEY));
    }

    static Stream<Operation> operationsWithBody() {
        return operations().filter(operation -> operation.validBody() != null);
    }

    static final List<String> HOSTILE = List.of("' OR '1'='1", "'; DROP TABLE guests; --", "\" OR 1=1 --",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "../../../etc/passwd", "{{7*7}}");

    @ParameterizedTest(name = "{0} without a key, with a wrong key, and with a key lacking the scope")
    @MethodSource("operations")
    void everyApiRouteWantsTheRightKey(Operation operation) throws Exception {
        Map<String, Long> before = rowCounts();
        String body = operation.validBody() == null ? "" : operation.validBody();

        HttpResponse<String> none = call(operation, body, "application/json");
        HttpResponse<String> wrong = call(operation, body, "application/json", "X-API-Key", "guess-" + TestHub.API_KEY);
        HttpResponse<String> bearerWrong = call(operation, body, "application/json", "Authorization", "Bearer nope");
        HttpResponse<String> unscoped = call(operation, body, "application/json", "X-API-Key", operation.keyWithoutScope());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(bearerWrong.statusCode()).isEqualTo(401);
        assertThat(unscoped.statusCode()).isEqualTo(403);
        assertThat(List.of(none, wrong, bearerWrong, unscoped)).allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("application/json"));
            assertThat(MeshJson.body(answer).path("error").asText()).isNotBlank();
        });
        assertThat(rowCounts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} with a body over 1 MiB, malformed JSON, a JSON array, and the wrong content type")
    @MethodSource("operationsWithBody")
    void badBodiesAreRefusedAndStoreNothing(Operation operation) throws Exception {
        Map<String, Long> before = rowCounts();

        HttpResponse<String> huge = call(operation, "{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}", "application/json",
                "X-API-Key", TestHub.API_KEY);
        HttpResponse<String> malformed = call(operation, "{\"action\": [", "application/json", "X-API-Key", TestHub.API_KEY);
        HttpResponse<String> array = call(operation, "[1,2]", "application/json", "X-API-Key", TestHub.API_KEY);
        HttpResponse<String> text = call(operation, operation.validBody(), "text/plain", "X-API-Key", TestHub.API_KEY);

        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(rowCounts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} with SQL and script payloads in every string field")
    @MethodSource("operationsWithBody")
    void hostileStringsAreRefusedOrKeptAsPlainText(Operation operation) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode valid = json.readTree(operation.validBody());
        List<String> fields = new ArrayList<>();
        stringFields(valid, "", fields);
        assertThat(fields).isNotEmpty();

        for (String field : fields) {
            for (String hostile : HOSTILE) {
                awaitCommandsDone(); // an accepted command runs after its answer and writes then
                Map<String, Long> before = rowCounts();
                JsonNode attacked = valid.deepCopy();
                replace(attacked, field, hostile);
                HttpResponse<String> answer = call(operation, attacked.toString(), "application/json",
                        "X-API-Key", TestHub.API_KEY);

                int status = answer.statusCode();
                assertThat(status).as("%s %s = %s", operation, field, hostile).isIn(200, 202, 207, 400, 409);
                assertThat(tables()).as("no table dropped or added").containsExactlyElementsOf(TABLES);
                assertThat(answer.body()).as("nothing echoed as markup").doesNotContain("<script>");
                if (status == 400 || status == 409 || MeshJson.body(answer).path("rejected").asInt() > 0) {
                    assertThat(rowCounts()).as("%s %s = %s stored something", operation, field, hostile)
                            .isEqualTo(before);
                }
            }
        }
        assertThat(rowCounts().get("guests")).as("the guests table still has its rows").isPositive();
    }

    @Test
    void webhooksWantTheProviderSignature() throws Exception {
        Map<String, Long> before = rowCounts();
        String body = Webhooks.spokiInbound("+393331119999", "Ciao");

        assertThat(env.hub().postJson("/webhooks/spoki", body).statusCode()).isEqualTo(401);
        assertThat(env.hub().postJson("/webhooks/spoki", body, "X-Spoki-Signature", "t=1,v2=00").statusCode())
                .isEqualTo(401);
        assertThat(env.hub().postJson("/webhooks/whatsapp", "{}").statusCode()).isEqualTo(401);
        assertThat(env.hub().get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1")
                .statusCode()).isEqualTo(403);
        assertThat(env.hub().postJson("/webhooks/spoki", "x".repeat(2 * 1024 * 1024)).statusCode()).isEqualTo(413);
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void publicEndpointsShowNoDetails() throws Exception {
        HttpResponse<String> health = env.hub().get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(MeshJson.body(health).has("checks")).isFalse();
        assertThat(env.hub().get("/openapi.json").body()).doesNotContain(TestHub.API_KEY, EventSinkStub.TOKEN);
    }

    @Test
    void secretsNeverReachTheLog() throws Exception {
        everyApiRouteWantsTheRightKey(operations().findFirst().orElseThrow());
        String log = Files.readString(Path.of("target/test-logs/hub.log"), StandardCharsets.UTF_8);

        assertThat(log).doesNotContain(TestHub.API_KEY, TestHub.COMMANDS_KEY, TestHub.EVENTS_KEY, TestHub.READ_KEY,
                TestHub.SYNC_KEY, TestHub.PEER_KEY, EventSinkStub.TOKEN, TestHub.SPOKI_SECRET, TestHub.WHATSAPP_APP_SECRET,
                SpokiStub.API_KEY);
    }

    // ---- helpers ---------------------------------------------------------------------------

    static final List<String> TABLES = List.of("CAMEL_MESSAGEPROCESSED", "audit", "bookings", "buffered_events",
            "change_log", "commands", "dead_letters", "flyway_schema_history", "guests", "messages", "outbox",
            "replication");

    static HttpResponse<String> call(Operation operation, String body, String contentType, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(env.hub().url(operation.path())))
                .header("Content-Type", contentType)
                .method(operation.method(), "GET".equals(operation.method()) ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static void stringFields(JsonNode node, String path, List<String> fields) {
        if (node.isTextual()) {
            fields.add(path);
        } else if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> stringFields(node.get(name), path + "/" + name, fields));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                stringFields(node.get(i), path + "/" + i, fields);
            }
        }
    }

    static void replace(JsonNode root, String pointer, String value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(name), value);
        } else {
            ((ObjectNode) parent).put(name, value);
        }
    }

    /** Accepted work runs after its answer and writes then: commands, and guest messages being answered. */
    static void awaitCommandsDone() {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(10)).until(() ->
                env.hub().count("SELECT COUNT(*) FROM commands WHERE state IN ('queued', 'running')") == 0
                        && env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in'"
                                + " AND processed_at IS NULL") == 0
                        && env.hub().count("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')") == 0);
    }

    static List<String> tables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + env.hub().dataDir().resolve("hub.db"));
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** Rows per table, except the API's own request bookkeeping that refusals do not touch either. */
    static Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tables()) {
            counts.put(table, env.hub().count("SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }
}
