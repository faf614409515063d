package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.CommandWorkerRouteTest;
import java.time.Duration;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The command worker's policy (mesh-commands): an execution that fails puts the command back in
 * the queue, each time an attempt, until mesh.command-attempts; then the command fails with the
 * error as its result, and a dead letter says why.
 */
@CamelMainTest(properties = "mesh.command-attempts=3")
class ACommandThatKeepsFailingIsRequeuedThenFailsWithADeadLetterTest extends CommandWorkerRouteTest {

    @Test
    void afterTheLastAttemptTheCommandFailsWithADeadLetter() throws Exception {
        adviceWorker(worker -> worker.weaveByType(CircuitBreakerDefinition.class).before()
                .throwException(new IllegalStateException("the guest database is unreachable")));

        String id = submit("{\"action\":\"TEST\"}").path("id").asText();
        for (int attempt = 1; attempt < 3; attempt++) {
            int failed = attempt;
            await().atMost(Duration.ofSeconds(10)).until(() -> status(id).path("attempts").asInt() == failed
                    && status(id).path("status").asText().equals("queued"));
            dispatch(id); // as the sweep does
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).path("status").asText().equals("failed"));
        JsonNode failed = status(id);
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("result").path("error").asText())
                .isEqualTo("IllegalStateException: the guest database is unreachable");
        assertThat(deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.path("source").asText()).isEqualTo("commands");
            assertThat(letter.path("reference").asText()).isEqualTo(id);
            assertThat(letter.path("error").asText()).contains("the guest database is unreachable");
        });
    }
}
