package io.conciergehub.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/** The API side of events: {@code POST /api/mesh/events} and the answer of {@code POST /api/mesh/sync/queue}. */
public final class EventIntake {

    private final EventBuffer events;
    private final ObjectMapper json;

    public EventIntake(EventBuffer events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /** {type, data?, id?}: stored in the buffer (202); the same id sent again is stored once. */
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
        String eventId = events.accept(id, type, data == null ? json.createObjectNode() : data);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", eventId);
        answer.put("status", "buffered");
        return ApiResponse.accepted(answer);
    }

    public ApiResponse flushed(Exchange exchange) {
        EventBuffer.FlushReport report = exchange.getMessage().getBody(EventBuffer.FlushReport.class);
        return ApiResponse.ok(report);
    }
}
