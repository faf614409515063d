package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.CommandWorkerRouteTest;
import io.conciergehub.support.TestHub;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;

/**
 * An operator who forces the command breaker open (JMX, Hawtio) holds new submissions like an
 * open breaker does: 503 with Retry-After, not a command that would wait behind it unseen. A retry
 * of a command already stored is not new: it is answered with that command, which will run.
 */
class ABreakerForcedOpenRefusesSubmissionsTest extends CommandWorkerRouteTest {

    @BeanInject("circuitBreakerRegistry")
    CircuitBreakerRegistry breakers;

    @Test
    void submissionsAreRefusedWhileForcedOpenAndTakenOnceClosed() throws Exception {
        CircuitBreaker execution = breakers.circuitBreaker("command-execution");
        execution.transitionToForcedOpenState();

        HttpResponse<String> refused = hub.postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"TEST\"}");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        execution.transitionToClosedState();
        assertThat(hub.postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"TEST\"}").statusCode())
                .isEqualTo(202);
    }

    @Test
    void aRetryOfAStoredCommandIsAnsweredWithItWhileForcedOpenAndOnlyANewOneIsRefused() throws Exception {
        String command = "{\"action\":\"TEST\",\"idempotencyKey\":\"lost-answer-1\"}";
        String id = submit(command).path("id").asText();
        CircuitBreaker execution = breakers.circuitBreaker("command-execution");
        execution.transitionToForcedOpenState();
        try {
            HttpResponse<String> retried = hub.postApi("/api/mesh/commands", TestHub.API_KEY, command);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(MeshJson.body(retried).path("id").asText()).isEqualTo(id);

            HttpResponse<String> fresh = hub.postApi("/api/mesh/commands", TestHub.API_KEY,
                    "{\"action\":\"TEST\",\"idempotencyKey\":\"lost-answer-2\"}");
            assertThat(fresh.statusCode()).isEqualTo(503);
            assertThat(hub.count("SELECT COUNT(*) FROM commands WHERE idempotency_key = 'lost-answer-2'")).isZero();
        } finally {
            execution.transitionToClosedState();
        }
    }

    @Test
    void aBatchRetriedWhileForcedOpenGetsItsStoredCommandsAndOnlyItsNewOnesRefused() throws Exception {
        HttpResponse<String> first = hub.postApi("/api/mesh/commands/batch", TestHub.API_KEY,
                "{\"commands\":[{\"action\":\"TEST\",\"idempotencyKey\":\"lost-batch-1\"}]}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String id = MeshJson.body(first).path("results").get(0).path("id").asText();
        CircuitBreaker execution = breakers.circuitBreaker("command-execution");
        execution.transitionToForcedOpenState();
        try {
            HttpResponse<String> retried = hub.postApi("/api/mesh/commands/batch", TestHub.API_KEY,
                    "{\"commands\":[{\"action\":\"TEST\",\"idempotencyKey\":\"lost-batch-1\"},"
                            + "{\"action\":\"TEST\",\"idempotencyKey\":\"lost-batch-2\"}]}");
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(207);
            assertThat(retried.headers().firstValue("Retry-After")).isPresent();
            JsonNode results = MeshJson.body(retried).path("results");
            assertThat(results.get(0).path("id").asText()).isEqualTo(id);
            assertThat(results.get(0).path("replayed").asBoolean()).isTrue();
            assertThat(results.get(1).path("error").asText()).isEqualTo("unavailable");
            assertThat(hub.count("SELECT COUNT(*) FROM commands WHERE idempotency_key = 'lost-batch-2'")).isZero();

            HttpResponse<String> allNew = hub.postApi("/api/mesh/commands/batch", TestHub.API_KEY,
                    "{\"commands\":[{\"action\":\"TEST\",\"idempotencyKey\":\"lost-batch-3\"}]}");
            assertThat(allNew.statusCode()).isEqualTo(503);
        } finally {
            execution.transitionToClosedState();
        }
    }
}
