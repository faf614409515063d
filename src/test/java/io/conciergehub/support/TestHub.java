package io.conciergehub.support;

import io.conciergehub.Application;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real application, started in-process exactly as {@code Application.main} starts it, on a
 * free port with its own data directory, plus the HTTP and SQL access a test needs to look at it
 * from the outside.
 */
public final class TestHub implements AutoCloseable {

    public static final String API_KEY = "test-api-key-0123456789abcdef";
    /** Keys holding one scope each, configured by {@link Builder#scopedKeys()}. */
    public static final String COMMANDS_KEY = "commands-key-0123456789abcdef";
    public static final String EVENTS_KEY = "events-key-0123456789abcdefgh";
    public static final String READ_KEY = "read-key-0123456789abcdefghij";
    public static final String SYNC_KEY = "sync-key-0123456789abcdefghij";
    /** The key a pair's peer signs its calls with (scope peer). */
    public static final String PEER_KEY = "peer-key-0123456789abcdefghij";
    public static final String SPOKI_SECRET = "spoki-signing-secret";
    public static final String WHATSAPP_APP_SECRET = "meta-app-secret";
    public static final String WHATSAPP_VERIFY_TOKEN = "verify-me";

    private final Main main;
    private final int port;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHub(Main main, int port, Path dataDir) {
        this.main = main;
        this.port = port;
        this.dataDir = dataDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Path dataDir;
        private int port;

        private Builder() {
            properties.put("concierge.api-keys", API_KEY);
            properties.put("spoki.webhook-secret", SPOKI_SECRET);
            properties.put("whatsapp.app-secret", WHATSAPP_APP_SECRET);
            properties.put("whatsapp.verify-token", WHATSAPP_VERIFY_TOKEN);
            properties.put("concierge.sweep-interval", "1000");
            properties.put("messaging.recipient-spacing", "100");
            properties.put(HubJvm.SEDA_POLL_TIMEOUT, HubJvm.QUICK_POLL_MILLIS); // stops in under a second
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** {@link #API_KEY} holds every scope but peer; one more key per scope. */
        public Builder scopedKeys() {
            return property("concierge.api-keys", String.join(",", API_KEY, COMMANDS_KEY + ":commands",
                    EVENTS_KEY + ":events", READ_KEY + ":read", SYNC_KEY + ":sync", PEER_KEY + ":peer"));
        }

        /** A standby whose primary is away (it stays passive until failover.timeout); with {@link #scopedKeys()}. */
        public Builder standbyOfAnAbsentPrimary() {
            return property("concierge.role", "standby").property("failover.peer-url", "http://127.0.0.1:9")
                    .property("failover.peer-api-key", PEER_KEY);
        }

        /** Reuse a data directory, e.g. to start the hub again on the same database. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Listen on this port (e.g. one a peer was told of before this hub starts) instead of a free one. */
        public Builder port(int chosen) {
            this.port = chosen;
            return this;
        }

        public TestHub start() throws Exception {
            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("hub-test-");
            int port = this.port > 0 ? this.port : freePort();
            Main main = Application.create();
            properties.forEach(main::addOverrideProperty);
            main.addOverrideProperty("concierge.data-dir", dir.toString());
            main.addOverrideProperty("camel.server.port", String.valueOf(port));
            main.start();
            return new TestHub(main, port, dir);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) throws Exception {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** An API call with a key (null: without one) and a JSON body. */
    public HttpResponse<String> postApi(String path, String key, String json) throws Exception {
        return key == null ? postJson(path, json) : postJson(path, json, "X-API-Key", key);
    }

    public HttpResponse<String> getApi(String path, String key) throws Exception {
        return key == null ? get(path) : get(path, "X-API-Key", key);
    }

    /** Posts a Spoki webhook body signed with the hub's secret, as Spoki does. */
    public HttpResponse<String> postSpoki(String body) throws Exception {
        return postJson("/webhooks/spoki", body, "X-Spoki-Signature", Webhooks.spokiSignature(body));
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A fresh read-only look at the hub's database file, as an operator's sqlite3 would see it. */
    public long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hub.db"));
             Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public String text(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hub.db"));
             Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Override
    public void close() {
        main.stop();
    }
}
