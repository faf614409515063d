package io.conciergehub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.console.Passwords;
import io.conciergehub.console.SessionTokens;
import io.conciergehub.console.StaffAccount;
import io.conciergehub.console.StaffAccounts;
import io.conciergehub.console.StaffRole;
import io.conciergehub.console.StaffSessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A browser of the staff console, as far as its cookies go: it keeps the cookies the hub sets
 * (name and path; a Max-Age of 0 deletes), sends those whose path the request's path is under, and
 * adds {@code X-Console-Request: 1} to what changes something unless told not to. Accounts are
 * made with the admin API and {@link TestHub#API_KEY}.
 */
public final class ConsoleBrowser {

    public static final String PASSWORD = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TestHub hub;
    /** "name path" → value. */
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final List<String> extraHeaders = new ArrayList<>();

    public ConsoleBrowser(TestHub hub) {
        this.hub = hub;
    }

    /** Sends these headers with every request too (e.g. X-Forwarded-Proto from a proxy). */
    public ConsoleBrowser withHeaders(String... nameValues) {
        extraHeaders.addAll(List.of(nameValues));
        return this;
    }

    /** Creates an account through the admin API; fails the test unless it answers 201. */
    public static void createAccount(TestHub hub, String name, String role) throws Exception {
        HttpResponse<String> created = hub.postApi("/api/console/staff", TestHub.API_KEY,
                "{\"name\":\"" + name + "\",\"role\":\"" + role + "\",\"password\":\"" + PASSWORD + "\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("creating " + name + ": " + created.statusCode() + " " + created.body());
        }
    }

    /**
     * A staff account and a live session written straight into the hub's database, as replication
     * brings them to a standby from its primary (a passive node takes no login); answers the
     * session's JWT, for the {@code console_session} cookie.
     */
    public static String replicatedSession(TestHub hub, String name) {
        var registry = hub.context().getRegistry();
        StaffAccount account = registry.findSingleByType(StaffAccounts.class).create(name, StaffRole.STAFF,
                registry.findSingleByType(Passwords.class).hash(PASSWORD), "cli");
        StaffSessions.Issued session = registry.findSingleByType(StaffSessions.class).open(account);
        return registry.findSingleByType(SessionTokens.class).issue(account.name(), session.sid());
    }

    public HttpResponse<String> login(String name, String password) throws Exception {
        return send("POST", "/console/session", "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}", true);
    }

    /** Logs in with {@link #PASSWORD}; fails the test unless it answers 200. */
    public ConsoleBrowser loggedInAs(String name) throws Exception {
        HttpResponse<String> login = login(name, PASSWORD);
        if (login.statusCode() != 200) {
            throw new AssertionError("login of " + name + ": " + login.statusCode() + " " + login.body());
        }
        return this;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, false);
    }

    /** POST (or DELETE, …) with the console's header. */
    public HttpResponse<String> send(String method, String path, String json) throws Exception {
        return send(method, path, json, true);
    }

    /** POST with the console's header and these headers too (e.g. an Idempotency-Key). */
    public HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        return send("POST", path, json, true, headers);
    }

    public HttpResponse<String> send(String method, String path, String json, boolean consoleHeader) throws Exception {
        return send(method, path, json, consoleHeader, new String[0]);
    }

    private HttpResponse<String> send(String method, String path, String json, boolean consoleHeader,
            String[] headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path))).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (consoleHeader) {
            request.header("X-Console-Request", "1");
        }
        String cookie = cookieHeader(path);
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        if (!extraHeaders.isEmpty()) {
            request.headers(extraHeaders.toArray(String[]::new));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        response.headers().allValues("Set-Cookie").forEach(this::keep);
        return response;
    }

    private void keep(String setCookie) {
        String[] parts = setCookie.split(";");
        String nameValue = parts[0].trim();
        String name = nameValue.substring(0, nameValue.indexOf('='));
        String value = nameValue.substring(nameValue.indexOf('=') + 1);
        String path = "/";
        boolean expired = false;
        for (String part : parts) {
            String attribute = part.trim();
            if (attribute.startsWith("Path=")) {
                path = attribute.substring(5);
            } else if (attribute.equals("Max-Age=0")) {
                expired = true;
            }
        }
        if (expired) {
            cookies.remove(name + " " + path);
        } else {
            cookies.put(name + " " + path, value);
        }
    }

    /** The Cookie header this browser sends to {@code path} (empty without cookies for it). */
    public String cookieHeader(String path) {
        List<String> sent = new ArrayList<>();
        cookies.forEach((key, value) -> {
            String cookiePath = key.substring(key.indexOf(' ') + 1);
            if (path.equals(cookiePath) || path.startsWith(cookiePath + "/")) {
                sent.add(key.substring(0, key.indexOf(' ')) + "=" + value);
            }
        });
        return String.join("; ", sent);
    }

    /** The value of the cookie with this name and path, or null. */
    public String cookie(String name, String path) {
        return cookies.get(name + " " + path);
    }

    /** Sets a cookie as a stolen copy would be replayed. */
    public void cookie(String name, String path, String value) {
        cookies.put(name + " " + path, value);
    }

    public static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
