package io.conciergehub.ops;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What health, stats and the start-up line read of this node's place in a pair: its role, epoch,
 * whether it is the active node and what it last heard of its peer. The failover logic (a higher
 * layer) implements it, so those readers need not know how the role is decided.
 */
public interface NodeStatus {

    /** What this node last heard from its peer's own state. */
    record HeardPeer(String role, long epoch, boolean active, long heardAt) {
    }

    /** Whether start-up is over: every route runs and this node knows its role. */
    boolean started();

    String role();

    boolean active();

    long epoch();

    boolean peerConfigured();

    boolean peerReachable();

    /** Whether the peer was last heard with another encryption key than this node's. */
    boolean keyMismatch();

    /** How far behind the active node this node's copy is, in milliseconds (0 when caught up or active). */
    long lagMillis();

    /** The peer's state when it was last heard, or empty before that. */
    Optional<HeardPeer> heardPeer();

    /**
     * What this node knows of its peer, as health and the stats show it: configured, reachable, the
     * same encryption key, how far behind this node's copy is, and the peer's role, epoch and when
     * it was last heard.
     */
    default Map<String, Object> peerView() {
        Map<String, Object> peer = new LinkedHashMap<>();
        peer.put("configured", peerConfigured());
        if (peerConfigured()) {
            peer.put("reachable", peerReachable());
            peer.put("sameEncryptionKey", !keyMismatch());
            peer.put("lagMillis", lagMillis());
            heardPeer().ifPresent(known -> {
                peer.put("role", known.role());
                peer.put("epoch", known.epoch());
                peer.put("active", known.active());
                peer.put("lastHeard", Instant.ofEpochMilli(known.heardAt()).toString());
            });
        }
        return peer;
    }
}
