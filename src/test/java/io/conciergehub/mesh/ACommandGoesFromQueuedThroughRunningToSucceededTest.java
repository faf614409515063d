package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.CommandWorkerRouteTest;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.junit.jupiter.api.Test;

/**
 * The command worker (seda:mesh-commands): a submitted command is queued, then running while it is
 * executed (inside the worker's circuit breaker), then succeeded with its result, in one attempt.
 */
class ACommandGoesFromQueuedThroughRunningToSucceededTest extends CommandWorkerRouteTest {

    @Test
    void aTestCommandIsQueuedThenRunningThenSucceeded() throws Exception {
        Semaphore execution = new Semaphore(0);
        // The execution waits at the breaker's door until the test has seen the command running.
        adviceWorker(worker -> worker.weaveByType(CircuitBreakerDefinition.class).before()
                .process(exchange -> execution.tryAcquire(10, TimeUnit.SECONDS)));

        JsonNode accepted = submit("{\"action\":\"TEST\"}");
        assertThat(accepted.path("status").asText()).isEqualTo("queued");
        String id = accepted.path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).path("status").asText().equals("running"));
        assertThat(status(id).path("attempts").asInt()).isEqualTo(1);
        assertThat(status(id).path("result").isNull()).isTrue();

        execution.release();

        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).path("status").asText().equals("succeeded"));
        assertThat(status(id).path("result").path("ok").asBoolean()).isTrue();
        assertThat(status(id).path("attempts").asInt()).isEqualTo(1);
    }
}
