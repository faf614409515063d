package io.conciergehub.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;

/** The API side of events: {@code POST /api/mesh/events} and the answer of {@code POST /api/mesh/sync/queue}. */
public final class EventIntake {

    private final EventBuffer events;
    private final ObjectMapper json;

    public EventIntake(EventBuffer events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /**
     * {type, data?, id?}: stored in the buffer (202). The same id sent again while its event is
     * buffered is stored once: with the same type and data it is answered 200 (Idempotent-Replayed),
     * with another type or data 409, nothing stored.
     */
    public ApiResponse accept(Exchange exchange) throws Exception {
        JsonNode body = Fields.body(exchange, json);
        Fields.onlyKnown(body, "", Set.of("id", "type", "data"));
        String type = Fields.token(body, "type", "type", true);
        String id = Fields.token(body, "id", "id", false);
        JsonNode data = Fields.object(body, "data", "data", false);
        if (!events.enabled()) {
            exchange.getMessage().setHeader("Retry-After", 3600);
            throw new HttpProblem(503, "events_off", "no event sink is configured (events.sink-url)");
        }
        String eventId = id != null ? id : "ev-" + UUID.randomUUID();
        EventBuffer.Accepted accepted = events.accept(eventId, type, data == null ? json.createObjectNode() : data);
        if (accepted == EventBuffer.Accepted.CONFLICT) {
            throw HttpProblem.conflict("id is buffered already for an event with another type or data");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", eventId);
        answer.put("status", "buffered");
        return accepted == EventBuffer.Accepted.DUPLICATE
                ? new ApiResponse(200, answer, Map.of("Idempotent-Replayed", "true"))
                : ApiResponse.accepted(answer);
    }

    public ApiResponse flushed(Exchange exchange) {
        EventBuffer.FlushReport report = exchange.getMessage().getBody(EventBuffer.FlushReport.class);
        return ApiResponse.ok(report);
    }
}
