package io.conciergehub.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/** The small operations of the peer API that are not replication itself: heartbeat and guards. */
public final class PeerApi {

    private final Failover failover;
    private final ObjectMapper json;
    private final String peerUrl;

    /** @param peerUrl the pair's other node (failover.peer-url), named to a passive node's callers */
    public PeerApi(Failover failover, ObjectMapper json, String peerUrl) {
        this.failover = failover;
        this.json = json;
        this.peerUrl = peerUrl;
    }

    public ApiResponse heartbeat(Exchange exchange) throws Exception {
        return ApiResponse.ok(failover.onHeartbeat(validNodeState(Fields.body(exchange, json))));
    }

    /** A node's state as a heartbeat carries it: 400 naming the field at fault. */
    private static JsonNode validNodeState(JsonNode body) {
        Fields.token(body, "node", "node", true);
        Fields.required(Fields.status(body, "role", "role", Set.of("primary", "standby")), "role");
        Fields.required(Fields.integer(body, "epoch", "epoch", 0, Integer.MAX_VALUE), "epoch");
        Fields.bool(body, "active", "active");
        Fields.token(body, "keyFingerprint", "keyFingerprint", false);
        return body;
    }

    /**
     * Work that only the active node may take: elsewhere 503, and the caller retries (or finds the
     * active node). Only a caller the gate identified (an API key, a staff session) learns the epoch
     * and the active node's address; an anonymous one (a login, a webhook) learns neither.
     */
    public void requireActive(Exchange exchange) {
        if (!failover.active()) {
            throw exchange.getProperty(ApiGate.CALLER) == null
                    ? HttpProblem.passive("this node is passive; the active node takes this", null)
                    : HttpProblem.passive("this node is passive (epoch " + failover.epoch()
                            + "); the active node takes this", peerUrl);
        }
    }

    /** A hand-back needs a peer to hand to, and this node must hold the role. */
    public void requireHandbackPossible(Exchange exchange) {
        if (!failover.peerConfigured()) {
            throw HttpProblem.conflict("no peer is configured (failover.peer-url): there is nobody to hand the role to");
        }
        requireActive(exchange);
    }

    public ApiResponse relayed(Exchange exchange) {
        List<?> events = exchange.getMessage().getBody(List.class);
        return ApiResponse.ok(Map.of("accepted", events == null ? 0 : events.size()));
    }
}
