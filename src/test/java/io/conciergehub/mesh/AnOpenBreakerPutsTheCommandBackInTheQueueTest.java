package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.CommandWorkerRouteTest;
import io.conciergehub.support.TestHub;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BeanInject;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/**
 * The command worker's policy (mesh-commands): while its circuit breaker is open a command goes
 * back to the queue without using an attempt, new submissions are refused with 503, and the
 * command runs once the breaker closes.
 */
class AnOpenBreakerPutsTheCommandBackInTheQueueTest extends CommandWorkerRouteTest {

    @BeanInject("circuitBreakerRegistry")
    CircuitBreakerRegistry breakers;

    @Test
    void aCommandMetByTheOpenBreakerWaitsWithoutUsingAnAttemptThenRuns() throws Exception {
        context.getRouteController().stopRoute(worker()); // so that the command waits in the queue
        String id = submit("{\"action\":\"TEST\"}").path("id").asText();
        CircuitBreaker execution = breakers.circuitBreaker("command-execution");
        execution.transitionToOpenState();
        NotifyBuilder metTheBreaker = new NotifyBuilder(context).fromRoute(worker()).whenDone(1).create();

        context.getRouteController().startRoute(worker());

        assertThat(metTheBreaker.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(status(id).path("status").asText()).isEqualTo("queued");
        assertThat(status(id).path("attempts").asInt()).isZero();
        assertThat(deadLetters()).isEmpty();
        HttpResponse<String> refused = hub.postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"TEST\"}");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        execution.transitionToClosedState();
        dispatch(id); // as the sweep does

        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).path("status").asText().equals("succeeded"));
        assertThat(status(id).path("attempts").asInt()).isEqualTo(1);
    }
}
