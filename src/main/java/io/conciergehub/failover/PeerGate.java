package io.conciergehub.failover;

import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys.Caller;
import io.conciergehub.api.ApiKeys.Scope;
import io.conciergehub.api.ApiKeys;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.api.HttpRequests;
import io.conciergehub.store.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of the peer API: the pair's calls, and no one else's. A call is refused with 404 on a
 * node without a peer; elsewhere it must be signed (HMAC-SHA256 over method, path, timestamp, a
 * random nonce, sender and body, keyed by a key of this node with the {@code peer} scope, which the sender holds
 * as {@code failover.peer-api-key}), recent (within the replay window), not seen before, and come
 * from the node this one is paired with: the first node whose signed call it accepted, kept in
 * node.db until an operator runs the {@code re-pair} sub-command. The key never travels.
 */
public final class PeerGate {

    public static final String NODE = "X-Peer-Node";
    public static final String TIMESTAMP = "X-Peer-Timestamp";
    public static final String NONCE = "X-Peer-Nonce";
    public static final String SIGNATURE = "X-Peer-Signature";
    private static final Logger LOG = LoggerFactory.getLogger(PeerGate.class);
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX_NONCE = Pattern.compile("[0-9a-f]{32}");

    private final ApiGate apiGate;
    private final ApiKeys apiKeys;
    private final Failover failover;
    private final NodeState state;
    private final Hmac signer;
    private final Duration window;
    private final Clock clock;
    // Signatures accepted within the window: a recorded call sent again is refused.
    private final IdempotentRepository seen = MemoryIdempotentRepository.memoryIdempotentRepository(100_000);
    private final SecureRandom nonces = new SecureRandom();

    public PeerGate(ApiGate apiGate, ApiKeys apiKeys, Failover failover, NodeState state, String peerKey,
            Duration window, Clock clock) {
        this.apiGate = apiGate;
        this.apiKeys = apiKeys;
        this.failover = failover;
        this.state = state;
        this.signer = ApiKeys.signer(peerKey == null ? "" : peerKey); // blank only where no peer is configured
        this.window = window;
        this.clock = clock;
    }

    /** Admits the paired peer's signed call, or refuses it (404, 401, 403, 429); the body stays readable. */
    public void admit(Exchange exchange) {
        apiGate.guardPeerAddress(exchange);
        if (!failover.peerConfigured()) {
            throw HttpProblem.notFound("not found");
        }
        Message in = exchange.getMessage();
        String node = HttpRequests.header(in, NODE);
        String timestamp = HttpRequests.header(in, TIMESTAMP);
        String nonce = HttpRequests.header(in, NONCE);
        String signature = HttpRequests.header(in, SIGNATURE);
        if (node == null || timestamp == null || nonce == null || signature == null || !NODE_ID.matcher(node).matches()
                || !SECONDS.matcher(timestamp).matches() || !HEX_NONCE.matcher(nonce).matches()
                || !HEX_SIGNATURE.matcher(signature).matches()) {
            throw HttpProblem.unauthorized("a signed peer request is required");
        }
        long age = Math.abs(clock.millis() / 1000 - Long.parseLong(timestamp));
        if (age > window.toSeconds()) {
            throw HttpProblem.unauthorized("the request's timestamp is outside the replay window");
        }
        byte[] body = in.getBody(byte[].class);
        byte[] heading = heading(String.valueOf(in.getHeader(Exchange.HTTP_METHOD)),
                String.valueOf(in.getHeader(Exchange.HTTP_PATH)), timestamp, nonce, node);
        Caller caller = apiKeys.verifySignature(Scope.PEER, HexFormat.of().parseHex(signature), heading, orEmpty(body))
                .orElseThrow(() -> HttpProblem.unauthorized("a signed peer request is required"));
        exchange.setProperty(ApiGate.CALLER, caller);
        if (!seen.add(signature)) {
            throw HttpProblem.unauthorized("this request was received before");
        }
        requirePaired(node);
        in.setBody(body);
    }

    /**
     * The hand-back: the returning primary's signed call, or an operator's with an {@code admin}
     * key (who gets 409 where no peer is configured).
     */
    public void admitPeerOrOperator(Exchange exchange) {
        if (HttpRequests.header(exchange.getMessage(), SIGNATURE) != null) {
            admit(exchange);
        } else {
            apiGate.admit(exchange, "admin");
        }
    }

    private synchronized void requirePaired(String node) {
        String paired = state.pairedPeer().orElse(null);
        if (paired == null) {
            state.pairWith(node);
            LOG.info("event=failover.paired peer={}", node);
        } else if (!paired.equals(node)) {
            LOG.warn("event=failover.unknown-peer-refused peer={}", node);
            throw HttpProblem.forbidden("this node is paired with another node (re-pair with the re-pair sub-command)");
        }
    }

    /**
     * Signs the call this node is about to make to its peer: {@code method} on the peer API's
     * {@code path} with the message body (bytes or text) as it will be sent.
     */
    public void sign(Exchange exchange, String method, String path) {
        Message out = exchange.getMessage();
        byte[] body = out.getBody(byte[].class);
        String timestamp = String.valueOf(clock.millis() / 1000);
        // Two heartbeats in one second carry the same body: the nonce tells them from a replay.
        byte[] random = new byte[16];
        nonces.nextBytes(random);
        String nonce = HexFormat.of().formatHex(random);
        byte[] signature = signer.of(heading(method, path, timestamp, nonce, state.nodeId()), orEmpty(body));
        out.setBody(body); // the bytes signed are the bytes sent
        out.setHeader(NODE, state.nodeId());
        out.setHeader(TIMESTAMP, timestamp);
        out.setHeader(NONCE, nonce);
        out.setHeader(SIGNATURE, HexFormat.of().formatHex(signature));
    }

    /** What is signed before the body: method, path, timestamp, nonce and sender, each followed by a line feed. */
    private static byte[] heading(String method, String path, String timestamp, String nonce, String node) {
        return String.join("\n", method, path, timestamp, nonce, node, "").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] orEmpty(byte[] body) {
        return body == null ? new byte[0] : body;
    }
}
