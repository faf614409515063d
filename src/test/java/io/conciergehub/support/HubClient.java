package io.conciergehub.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A running hub seen from the outside, as a client and an operator see it: HTTP on its port, and
 * its database file read with plain SQL.
 */
public class HubClient {

    private final int port;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HubClient(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
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
        return request("GET", path, headers);
    }

    /** A request without a body, e.g. HEAD. */
    public HttpResponse<String> request(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
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

    /** Changes the hub's database as an operator's sqlite3 would (tests backdate rows with it). */
    public int update(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hub.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            return s.executeUpdate(sql);
        }
    }
}
