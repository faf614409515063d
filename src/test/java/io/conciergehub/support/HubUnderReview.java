package io.conciergehub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The hub of the security review, started once for a test class
 * ({@code @RegisterExtension static final HubUnderReview env = new HubUnderReview()}): a key per
 * scope, no rate limit in the way of a probe, and an event sink that is down, so that events stay
 * in the buffer and a table's row count changes only when a request stores something. With the
 * HTTP surface walked by the review, and the row counts it compares.
 */
public final class HubUnderReview implements BeforeAllCallback, AfterAllCallback {

    /** An API operation: how to call it well, and a key that lacks its scope. */
    public record Operation(String method, String path, String validBody, String keyWithoutScope) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public static Stream<Operation> operations() {
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
                new Operation("GET", "/api/mesh/guests/1/messages", null, TestHub.COMMANDS_KEY),
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
                new Operation("POST", "/api/mesh/failover/handback", null, TestHub.EVENTS_KEY),
                // The staff console's API: an API key as here, or a console session (console/*Test).
                new Operation("GET", "/api/console/me", null, TestHub.COMMANDS_KEY),
                new Operation("GET", "/api/console/staff", null, TestHub.READ_KEY),
                new Operation("POST", "/api/console/staff", "{\"name\":\"ann\",\"role\":\"staff\","
                        + "\"password\":\"a long enough passphrase\"}", TestHub.READ_KEY),
                new Operation("POST", "/api/console/staff/ann/disable", null, TestHub.COMMANDS_KEY),
                new Operation("POST", "/api/console/staff/ann/enable", null, TestHub.SYNC_KEY),
                new Operation("POST", "/api/console/staff/ann/password", "{\"password\":\"another long passphrase\"}",
                        TestHub.EVENTS_KEY));
    }

    public static Stream<Operation> operationsWithBody() {
        return operations().filter(operation -> operation.validBody() != null);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final EventSinkStub sink = new EventSinkStub();
    private final HubUnderTest env = HubUnderTest.withLogProvider(hub -> sink.configure(hub.scopedKeys())
            .property("api.rate-limit", "100000")
            // Relayed guest messages are answered at once, so that the hub is quiet between two probes.
            .property("messaging.recipient-spacing", "1")
            // No scheduled journey message between a probe's two counts: a probe's booking would get its welcome.
            .property("journey.welcome.enabled", "false").property("journey.pre-arrival.enabled", "false")
            .property("journey.check-out.enabled", "false"));

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        sink.answer(aResponse().withStatus(503));
        env.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        env.afterAll(context);
        sink.close();
    }

    public TestHub hub() {
        return env.hub();
    }

    public HttpResponse<String> call(Operation operation, String body, String contentType, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub().url(operation.path())))
                .header("Content-Type", contentType)
                .method(operation.method(), "GET".equals(operation.method()) ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Accepted work runs after its answer and writes then: commands, and guest messages being answered. */
    public void awaitWorkDone() {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(10)).until(() ->
                hub().count("SELECT COUNT(*) FROM commands WHERE state IN ('queued', 'running')") == 0
                        && hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in'"
                                + " AND processed_at IS NULL") == 0
                        && hub().count("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')") == 0);
    }

    public List<String> tables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + hub().dataDir().resolve("hub.db"));
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** Rows per table. */
    public Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tables()) {
            counts.put(table, hub().count("SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }
}
