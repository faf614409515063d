package io.conciergehub.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.HttpProblem;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The steps of a hand-back around the {@code failover-handback} route: the active node released
 * the role and shipped everything; the peer is asked to take it under a higher epoch, and this
 * node then follows the peer's log from where the peer says.
 */
public final class Handback {

    private final Failover failover;
    private final ChangeShipper shipper;
    private final ChangeLog log;
    private final ObjectMapper json;

    public Handback(Failover failover, ChangeShipper shipper, ChangeLog log, ObjectMapper json) {
        this.failover = failover;
        this.shipper = shipper;
        this.log = log;
        this.json = json;
    }

    public String takeoverRequest() throws Exception {
        if (!shipper.allShipped()) {
            throw new IllegalStateException("the peer has not applied every change yet");
        }
        return json.writeValueAsString(Map.of("node", failover.nodeId(), "epoch", failover.epoch(),
                "lastSeq", log.lastSeq()));
    }

    public ApiResponse onTakenOver(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body String body)
            throws Exception {
        if (status == null || status != 200) {
            throw new IllegalStateException("the peer did not take over: " + status + " " + body);
        }
        JsonNode answer = json.readTree(body);
        failover.handedOver(answer.path("epoch").asLong(), answer.path("node").asText(),
                answer.path("followFrom").asLong());
        return ApiResponse.ok(failover.status());
    }

    /** The take-over call got no answer; this node stays passive (see {@link Failover#handbackUnanswered}). */
    public void unanswered() {
        throw new HttpProblem(504, "handback_unanswered", "the peer did not answer the take-over; this node stays"
                + " passive until the peer is heard active or failover.timeout passes");
    }

    /** The hand-back did not complete; this node resumed the role. */
    public void failed(@Header("handbackError") String error) {
        throw new HttpProblem(503, "handback_failed", "hand-back failed, this node stays active: " + error);
    }
}
