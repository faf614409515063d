package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.CommandWorkerRouteTest;
import io.conciergehub.support.TestHub;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;

/**
 * An operator who forces the command breaker open (JMX, Hawtio) holds new submissions like an
 * open breaker does: 503 with Retry-After, not a command that would wait behind it unseen.
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
}
