package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.OutboxRouteTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BeanInject;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * A message the open circuit sent back to the queue is due again when the circuit may close. A
 * copy of it that reaches the sender earlier (handed on, or queued by a sweep before the deferral)
 * does not send it early: the sweep sends it once it is due.
 */
@CamelMainTest(properties = {"messaging.circuit.open-duration=2s", "messaging.recipient-spacing=10",
        "concierge.sweep-interval=1s"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class AMessageDeferredWhileTheCircuitIsOpenIsNotSentBeforeItsTimeTest extends OutboxRouteTest {

    @BeanInject("circuitBreakerRegistry")
    CircuitBreakerRegistry breakers;

    @Test
    void anEarlyCopyLeavesItQueuedUntilItIsDue() throws Exception {
        CircuitBreaker providerSend = breakers.circuitBreaker("provider-send");
        providerSend.transitionToForcedOpenState();
        NotifyBuilder refused = new NotifyBuilder(context).fromRoute("outbox-dispatch")
                .wereSentTo("direct:outbox-attempt").whenDone(1).create();
        long outboxId = queue("+393331230014", "Dinner is served from 19:00.");
        assertThat(refused.matches(10, TimeUnit.SECONDS)).isTrue();
        long dueAt = hub.count("SELECT next_attempt_at FROM outbox WHERE id = " + outboxId);

        providerSend.transitionToClosedState();
        dispatch(outboxId); // the early copy

        await().atMost(Duration.ofSeconds(20)).until(() -> "done/sent".equals(stateOf(outboxId)));
        assertThat(provider.getReceivedCounter()).isEqualTo(1);
        assertThat(attemptTimes().get(0)).as("sent once due").isGreaterThanOrEqualTo(dueAt);
    }
}
