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
 * outbox-delivery: while the provider's circuit is open a message goes back to the queue until the
 * circuit may close (messaging.circuit.open-duration), and the refusals use none of its attempts:
 * even with no redeliveries allowed it is sent, not dead-lettered, once the provider is back.
 */
@CamelMainTest(properties = {"messaging.max-redeliveries=0", "messaging.circuit.open-duration=30s",
        "messaging.recipient-spacing=10"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class AnOpenCircuitDoesNotConsumeAttemptsTest extends OutboxRouteTest {

    @BeanInject("circuitBreakerRegistry")
    CircuitBreakerRegistry breakers;

    @Test
    void aMessageRefusedByTheOpenCircuitWaitsAndIsSentOnItsFirstRealAttempt() throws Exception {
        CircuitBreaker providerSend = breakers.circuitBreaker("provider-send");
        providerSend.transitionToForcedOpenState(); // as an operator may, over JMX
        NotifyBuilder refused = refusal();
        long outboxId = queue("+393331230005", "Late check-out until 12:00 is possible.");
        assertThat(refused.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(hub.count("SELECT next_attempt_at - updated_at FROM outbox WHERE id = " + outboxId))
                .as("ms until it is due again").isGreaterThanOrEqualTo(29_000);
        for (int again = 0; again < 2; again++) { // as the sweep would, once it is due
            refused = refusal();
            hub.update("UPDATE outbox SET next_attempt_at = 0 WHERE id = " + outboxId); // its time came
            dispatch(outboxId);
            assertThat(refused.matches(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(stateOf(outboxId)).isEqualTo("queued/queued");
        assertThat(hub.count("SELECT attempts FROM outbox WHERE id = " + outboxId)).isZero();
        assertThat(provider.getReceivedCounter()).isZero();
        assertThat(hub.count("SELECT COUNT(*) FROM dead_letters")).isZero();

        providerSend.transitionToClosedState();
        hub.update("UPDATE outbox SET next_attempt_at = 0 WHERE id = " + outboxId);
        dispatch(outboxId);

        await().atMost(Duration.ofSeconds(10)).until(() -> "done/sent".equals(stateOf(outboxId)));
        assertThat(hub.count("SELECT attempts FROM outbox WHERE id = " + outboxId)).isEqualTo(1);
        assertThat(provider.getReceivedCounter()).isEqualTo(1);
    }

    /**
     * The next attempt of the outbox done (with the circuit open: the message back in the queue).
     * Only exchanges that reached outbox-attempt: the producer's own exchange into seda:outbox
     * counts as coming from outbox-dispatch too, and is done as soon as it is queued.
     */
    private NotifyBuilder refusal() {
        return new NotifyBuilder(context).fromRoute("outbox-dispatch").wereSentTo("direct:outbox-attempt").whenDone(1)
                .create();
    }
}
