package io.conciergehub.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.mesh.ApiResponse;
import io.conciergehub.mesh.Fields;
import io.conciergehub.ops.HttpProblem;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** The small operations of the peer API that are not replication itself: heartbeat and guards. */
public final class PeerApi {

    private final Failover failover;
    private final ObjectMapper json;

    public PeerApi(Failover failover, ObjectMapper json) {
        this.failover = failover;
        this.json = json;
    }

    public ApiResponse heartbeat(Exchange exchange) throws Exception {
        return ApiResponse.ok(failover.onHeartbeat(Fields.body(exchange, json)));
    }

    /** Work that only the active node may take: elsewhere 503, and the caller retries (or finds the active node). */
    public void requireActive() {
        if (!failover.active()) {
            throw new HttpProblem(503, "passive", "this node is passive (epoch " + failover.epoch()
                    + "); the active node takes this");
        }
    }

    public ApiResponse relayed(Exchange exchange) {
        List<?> events = exchange.getMessage().getBody(List.class);
        return ApiResponse.ok(Map.of("accepted", events == null ? 0 : events.size()));
    }
}
