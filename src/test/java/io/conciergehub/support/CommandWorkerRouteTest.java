package io.conciergehub.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.util.function.ThrowingConsumer;

/**
 * A route test of the command worker: the route that consumes {@code seda:mesh-commands}, whatever
 * its id or route file, seen through the API (the command's status, the dead letters).
 */
public abstract class CommandWorkerRouteTest extends HubRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Produce("seda:mesh-commands")
    private ProducerTemplate commandQueue;

    /** The id of the route that consumes seda:mesh-commands. */
    protected String worker() {
        return context.getRoutes().stream()
                .filter(route -> route.getEndpoint().getEndpointUri().startsWith("seda://mesh-commands"))
                .map(Route::getRouteId).findFirst().orElseThrow();
    }

    /** Changes the worker route for this test class (its context is the class's). */
    protected void adviceWorker(ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) throws Exception {
        AdviceWith.adviceWith(context, worker(), advice);
    }

    /** Submits a command through the API, which answers 202 with the stored command; its view. */
    protected JsonNode submit(String command) throws Exception {
        HttpResponse<String> answer = hub.postApi("/api/mesh/commands", TestHub.API_KEY, command);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return JSON.readTree(answer.body());
    }

    /** The command as GET /api/mesh/commands/{id} shows it: status, attempts, result. */
    protected JsonNode status(String id) throws Exception {
        return JSON.readTree(hub.getApi("/api/mesh/commands/" + id, TestHub.API_KEY).body());
    }

    /** The dead letters not replayed yet, as GET /api/mesh/dead-letters lists them. */
    protected JsonNode deadLetters() throws Exception {
        return JSON.readTree(hub.getApi("/api/mesh/dead-letters", TestHub.API_KEY).body()).path("deadLetters");
    }

    /** Hands a queued command to the worker again, as the sweep does once it has waited. */
    protected void dispatch(String id) {
        commandQueue.sendBody(id);
    }
}
