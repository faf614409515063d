package io.conciergehub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings and calls two-node tests share: both nodes answer through one Spoki stub, share
 * the encryption key (replicated phone numbers are encrypted with it) and accept each other's key.
 */
public final class NodePair {

    public static final Duration TIMEOUT = Duration.ofSeconds(3);
    public static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> common = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public NodePair(SpokiStub spoki) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        common.putAll(Map.of("MESSAGING_PROVIDER", "spoki", "SPOKI_BASE_URL", spoki.baseUrl(),
                "SPOKI_API_KEY", SpokiStub.API_KEY, "SPOKI_WEBHOOK_SECRET", TestHub.SPOKI_SECRET,
                "CONCIERGE_API_KEYS", TestHub.API_KEY + "," + TestHub.PEER_KEY + ":peer", "CONCIERGE_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key),
                "CONCIERGE_SWEEP_INTERVAL", "1000", "FAILOVER_PEER_API_KEY", TestHub.PEER_KEY,
                "FAILOVER_HEARTBEAT_INTERVAL", String.valueOf(HEARTBEAT.toMillis())));
        // The tests poll the nodes' API ten times a second; the per-key limit is not what they test.
        common.putAll(Map.of("FAILOVER_TIMEOUT", String.valueOf(TIMEOUT.toMillis()), "FAILOVER_SHIP_INTERVAL", "200",
                "API_RATE_LIMIT", "100000", "CONCIERGE_ALLOW_DEMO_FACTS", "true"));
    }

    /** The environment of a node with this role that reaches its peer on {@code peerPort}. */
    public Map<String, String> node(String role, int peerPort) {
        Map<String, String> env = new HashMap<>(common);
        env.put("CONCIERGE_ROLE", role);
        env.put("FAILOVER_PEER_URL", "http://localhost:" + peerPort);
        return env;
    }

    /** A signed Spoki guest message; the status the node answered. */
    public int post(HubProcess hub, String phone, String text) throws Exception {
        return post(hub, phone, "msg-" + java.util.UUID.randomUUID(), text);
    }

    /** A signed Spoki guest message with the provider's message id {@code messageId}; the status the node answered. */
    public int post(HubProcess hub, String phone, String messageId, String text) throws Exception {
        String body = Webhooks.spokiInbound("ev-" + messageId, messageId, phone, text);
        return http.send(HttpRequest.newBuilder(URI.create(hub.url("/webhooks/spoki")))
                .header("Content-Type", "application/json").header("X-Spoki-Signature", Webhooks.spokiSignature(body))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The node's /health details (empty when it does not answer). */
    public JsonNode health(HubProcess hub) {
        try {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(hub.url("/health")))
                    .header("X-API-Key", TestHub.API_KEY).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception unreachable) {
            return JSON.createObjectNode();
        }
    }

    /** The primary holds the role and the standby has heard it (it follows the primary). */
    public boolean settled(HubProcess primary, HubProcess standby) {
        JsonNode standbyHealth = health(standby);
        return active(primary) && !standbyHealth.path("active").asBoolean(true)
                && standbyHealth.path("peer").path("active").asBoolean()
                && standbyHealth.path("peer").path("role").asText().equals("primary");
    }

    public boolean active(HubProcess hub) {
        return health(hub).path("active").asBoolean();
    }

    /**
     * Dead letters of sends that were at the provider when a node died: maybe delivered, never
     * repeated. Each names the guest message it answered ({@code inReplyTo}, the provider's id).
     */
    public List<JsonNode> uncertainSends(HubProcess hub) throws Exception {
        return deadLetters(hub).stream().filter(letter -> "outbox".equals(letter.path("source").asText())
                && letter.path("error").asText().contains("may have been delivered")).toList();
    }

    /** Every dead letter of the node, replayed or not. */
    public List<JsonNode> deadLetters(HubProcess hub) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(hub.url("/api/mesh/dead-letters?all=true")))
                .header("X-API-Key", TestHub.API_KEY).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            // A refused look (a 429, say) must fail, not read as "no dead letters".
            throw new IllegalStateException("dead letters answered " + answer.statusCode());
        }
        List<JsonNode> letters = new ArrayList<>();
        JSON.readTree(answer.body()).path("deadLetters").forEach(letters::add);
        return letters;
    }

    /** Whether the node's database knows the guest with this phone number. */
    public boolean guestKnown(HubProcess hub, String phone) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(hub.url("/api/mesh/guests/query")))
                .header("Content-Type", "application/json").header("X-API-Key", TestHub.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 && JSON.readTree(answer.body()).path("guests").size() == 1;
    }
}
