package io.conciergehub.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Calls of the peer API as a node of a pair makes them, written from the documented scheme
 * (docs/security.md): HMAC-SHA256 keyed with the SHA-256 of the peer key over
 * "method\npath\ntimestamp\nnonce\nnode\n" and the body, in X-Peer-Node, X-Peer-Timestamp,
 * X-Peer-Nonce (32 hex digits) and X-Peer-Signature.
 */
public final class PeerCalls {

    private final TestHub hub;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public PeerCalls(TestHub hub) {
        this.hub = hub;
    }

    /** A call signed by {@code node} with {@code key}, as of {@code at}. */
    public HttpRequest signed(String method, String path, String body, String node, String key, Instant at) {
        String timestamp = String.valueOf(at.getEpochSecond());
        String nonce = HexFormat.of().formatHex(random16());
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(hub.url(path))).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Peer-Node", node)
                .header("X-Peer-Timestamp", timestamp).header("X-Peer-Nonce", nonce)
                .header("X-Peer-Signature", signature(key, method, path, timestamp, nonce, node, bytes))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
    }

    public HttpRequest signed(String method, String path, String body, String node) {
        return signed(method, path, body, node, TestHub.PEER_KEY, Instant.now());
    }

    public HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] random16() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return random;
    }

    static String signature(String key, String method, String path, String timestamp, String nonce, String node,
            byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)),
                    "HmacSHA256"));
            mac.update(String.join("\n", method, path, timestamp, nonce, node, "").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
