package io.conciergehub.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys.Caller;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.api.ItemResults;
import io.conciergehub.mesh.CommandStore.Stored;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Commands from outside systems ({@code POST /api/mesh/commands}, {@code /batch}, {@code GET
 * /commands/{id}}): checked as a whole, stored durably, answered 202, then executed by the
 * {@link CommandWorker}. The same {@code idempotencyKey} from the same API key returns the same
 * command; reused with another request it is a 409. Another API key's is another command.
 */
public final class CommandApi {

    /** The answer, and the commands it stored just now: the worker has yet to see them. */
    public record Submitted(ApiResponse answer, List<String> commandsToQueue) {
    }

    private final CommandRequests requests;
    private final CommandStore store;
    private final CircuitBreakerRegistry breakers;
    private final ObjectMapper json;
    private final long openSeconds;

    /** @param openSeconds how long the breaker stays open: the Retry-After while it is */
    public CommandApi(CommandRequests requests, CommandStore store, CircuitBreakerRegistry breakers, ObjectMapper json,
            long openSeconds) {
        this.requests = requests;
        this.store = store;
        this.breakers = breakers;
        this.json = json;
        this.openSeconds = openSeconds;
    }

    /**
     * A new command is refused with 503 while the breaker is open; a retry of one already stored
     * (its idempotencyKey) is answered 200 with it all the same: it is stored and will run.
     */
    public Submitted submit(Exchange exchange) throws Exception {
        Stored stored = store.store(requests.command(Fields.body(exchange, json)),
                exchange.getProperty(ApiGate.CALLER, Caller.class), () -> refuseWhileBreakerOpen(exchange));
        if (!stored.isNew()) {
            return new Submitted(new ApiResponse(200, stored.view(), Map.of("Idempotent-Replayed", "true")), List.of());
        }
        return new Submitted(new ApiResponse(202, stored.view(), Map.of("Location", "/api/mesh/commands/" + stored.id())),
                List.of(stored.id()));
    }

    /**
     * Up to 100 commands; each is accepted or refused on its own, with a result per item. While the
     * breaker is open an item already stored (its idempotencyKey) is answered as such and a new one
     * is refused ({@code unavailable}); a batch with no stored item is refused whole with 503.
     */
    public Submitted submitBatch(Exchange exchange) throws Exception {
        JsonNode items = requests.batch(Fields.body(exchange, json));
        Caller caller = exchange.getProperty(ApiGate.CALLER, Caller.class);
        ItemResults results = new ItemResults("accepted");
        List<String> toQueue = new ArrayList<>();
        HttpProblem unavailable = null;
        int accepted = 0;
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> result = results.item(i);
            try {
                Stored stored = store.store(requests.item(items, i), caller, () -> refuseWhileBreakerOpen(exchange));
                result.putAll(stored.view());
                result.put("replayed", !stored.isNew());
                if (stored.isNew()) {
                    toQueue.add(stored.id());
                }
                results.accepted();
                accepted++;
            } catch (HttpProblem refused) {
                if (refused.getStatus() == 503) {
                    unavailable = refused;
                }
                results.refused(result, refused);
            }
        }
        if (unavailable != null && accepted == 0) {
            throw unavailable;
        }
        return new Submitted(results.response(), toQueue);
    }

    public ApiResponse status(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        return store.view(id).map(ApiResponse::ok).orElseThrow(() -> HttpProblem.notFound("no command with this id"));
    }

    private void refuseWhileBreakerOpen(Exchange exchange) {
        Optional<CircuitBreaker> breaker = breakers.find(CommandWorker.BREAKER);
        // Forced open by an operator (JMX) holds commands as surely as open after failures.
        if (breaker.map(CircuitBreaker::getState)
                .filter(state -> state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN)
                .isPresent()) {
            exchange.getMessage().setHeader("Retry-After", openSeconds);
            throw new HttpProblem(503, "unavailable", "command execution is failing; retry later");
        }
    }
}
