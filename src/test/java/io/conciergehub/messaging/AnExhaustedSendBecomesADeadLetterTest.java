package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.OutboxRouteTest;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * outbox-delivery: when the last redelivery fails too, the message leaves the queue as a dead
 * letter that says why, for staff to see and replay; it is not sent again.
 */
@CamelMainTest(properties = {"messaging.max-redeliveries=2", "messaging.redelivery-delay=10"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class AnExhaustedSendBecomesADeadLetterTest extends OutboxRouteTest {

    @Test
    void afterTheLastAttemptTheMessageIsADeadLetterWithItsError() throws Exception {
        provider.whenAnyExchangeReceived(answer(500, "{\"error\":\"upstream down\"}"));
        NotifyBuilder deadLettered = new NotifyBuilder(context).fromRoute("outbox-dispatch").whenDone(1)
                .wereSentTo("direct:outbox-dead-letter").create();

        long outboxId = queue("+393331230004", "The Wi-Fi password is on the card in your room.");

        assertThat(deadLettered.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(provider.getReceivedCounter()).as("the first attempt and two redeliveries").isEqualTo(3);
        assertThat(stateOf(outboxId)).isEqualTo("dead/failed");
        assertThat(hub.text("SELECT error FROM dead_letters WHERE source = 'outbox' AND reference = '" + outboxId + "'"
                + " AND replayed_at IS NULL")).contains("Unavailable", "500", "upstream down");
        assertThat(hub.count("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')")).isZero();
    }
}
