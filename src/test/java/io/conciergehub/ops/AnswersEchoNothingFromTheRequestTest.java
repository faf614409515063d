package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route the HTTP server serves, called with hostile headers and the same names as query
 * parameters, with a valid key, a wrong one and none: the answer's headers are from an allow-list
 * and none carries what the request sent (no cookie set, no redirect, no CORS grant, no key). Nor
 * does an answer's body, with the same mark in each path parameter and as a body's member.
 */
class AnswersEchoNothingFromTheRequestTest {

    static final String MARK = "hostile-0d0a";
    static final Map<String, String> HOSTILE = new LinkedHashMap<>();

    static {
        for (String name : List.of("Set-Cookie", "Location", "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
                "Refresh", "Link", "X-Hostile", "Retry-After", "RateLimit-Remaining", "RateLimit-Limit", "Cache-Control",
                "Content-Disposition", "WWW-Authenticate", "X-Frame-Options", "Content-Security-Policy")) {
            HOSTILE.put(name, MARK);
        }
    }

    static final Set<String> ALLOWED = Set.of("location", "idempotent-replayed", "content-type", "content-length", "transfer-encoding", "retry-after",
            "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "cache-control", "content-disposition",
            "connection", "keep-alive", "date",
            // Jolokia's 401 asks for Basic credentials with the hub's own fixed challenge
            "www-authenticate");

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("api.rate-limit", "100000"));

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void noAnswerCarriesWhatTheRequestSent() throws Exception {
        List<String> calls = routes();
        assertThat(calls).as("the walk covers the API, webhooks, health, metrics, OpenAPI and Jolokia")
                .contains("GET /health", "GET /metrics", "GET /openapi.json", "POST /webhooks/spoki",
                        "GET /webhooks/whatsapp", "POST /api/mesh/commands", "POST /api/mesh/heartbeat",
                        "GET /api/routes", "POST /observe/jolokia");
        List<String> leaks = new ArrayList<>();
        for (String call : calls) {
            String method = call.substring(0, call.indexOf(' '));
            String path = call.substring(call.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
            for (String key : new String[] {TestHub.API_KEY, "wrong-" + TestHub.API_KEY, null}) {
                HttpResponse<String> answer = hostileCall(method, path, key);
                answer.headers().map().forEach((name, values) -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!ALLOWED.contains(lower) && !lower.equals(":status")) {
                        leaks.add(call + " answered header " + name);
                    }
                    for (String value : values) {
                        if (value.contains(MARK) || key != null && value.contains(key)) {
                            leaks.add(call + " echoed " + name + ": " + value);
                        }
                    }
                });
                if (answer.statusCode() >= 500) {
                    leaks.add(call + " failed with " + answer.statusCode());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void noAnswerBodyCarriesWhatTheRequestSent() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<String> bodiesRead = new ArrayList<>();
        for (String call : routes()) {
            String method = call.substring(0, call.indexOf(' '));
            String path = call.substring(call.indexOf(' ') + 1).replaceAll("\\{[^}]+}", MARK);
            // Without the hostile query, whose Content-Type=text/html would have the body refused unread.
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(env.hub().url(path)))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("X-API-Key", TestHub.API_KEY).header("Idempotency-Key", "echo-test")
                    .method(method, "GET".equals(method) ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("{\"" + MARK + "\":{\"" + MARK + "\":1}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.body().contains(MARK)) {
                leaks.add(call + " answered " + answer.statusCode() + " " + answer.body());
            }
            if (answer.statusCode() == 400) {
                bodiesRead.add(call);
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(bodiesRead).as("routes that read the body and refused the stranger in it")
                .contains("POST /api/mesh/commands", "POST /api/mesh/guests/query", "POST /api/mesh/events");
    }

    /**
     * The hostile set as headers and again as query parameters, with a JSON body where one may go
     * (an empty object; for Jolokia a request it can answer, since it answers others with a 500 of its own).
     */
    static HttpResponse<String> hostileCall(String method, String path, String key) throws Exception {
        String query = HOSTILE.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&")) + "&Content-Type=text%2Fhtml"
                + "&hub.mode=subscribe&hub.verify_token=" + MARK + "&hub.challenge=" + MARK;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(env.hub().url(path) + "?" + query))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, "GET".equals(method) || "HEAD".equals(method) ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(path.startsWith("/observe") ? "{\"type\":\"version\"}" : "{}"));
        HOSTILE.forEach(request::header);
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * "METHOD /path" of everything the hub's HTTP server serves: the server's own list (REST DSL
     * operations, OpenAPI), the routes consuming from it (where one path has a route per method), Jolokia.
     */
    static List<String> routes() {
        Set<String> calls = new LinkedHashSet<>();
        PlatformHttpComponent http = env.hub().context().getComponent("platform-http", PlatformHttpComponent.class);
        for (HttpEndpointModel endpoint : http.getHttpEndpoints()) {
            for (String verb : (endpoint.getVerbs() == null ? "GET" : endpoint.getVerbs()).split(",")) {
                calls.add(verb.trim() + " " + endpoint.getUri());
            }
        }
        for (Route route : env.hub().context().getRoutes()) {
            if (route.getEndpoint() instanceof PlatformHttpEndpoint endpoint) {
                String verbs = endpoint.getHttpMethodRestrict() == null ? "GET,POST" : endpoint.getHttpMethodRestrict();
                for (String verb : verbs.split(",")) {
                    calls.add(verb.trim() + " " + endpoint.getPath());
                }
            }
        }
        calls.add("POST /observe/jolokia");
        calls.add("GET /observe/jolokia/version");
        return List.copyOf(calls);
    }
}
