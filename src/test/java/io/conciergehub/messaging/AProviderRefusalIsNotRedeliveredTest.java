package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.OutboxRouteTest;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * outbox-delivery: a 4xx (other than 429) says the request itself is wrong, so the send is not
 * tried again however many redeliveries are allowed; it becomes a dead letter at once.
 */
@CamelMainTest(properties = {"messaging.max-redeliveries=3", "messaging.redelivery-delay=10"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class AProviderRefusalIsNotRedeliveredTest extends OutboxRouteTest {

    @Test
    void aRefusedSendIsTriedOnceAndDeadLettered() throws Exception {
        provider.whenAnyExchangeReceived(answer(400, "{\"error\":\"recipient is not a WhatsApp number\"}"));
        NotifyBuilder deadLettered = new NotifyBuilder(context).fromRoute("outbox-dispatch").whenDone(1)
                .wereSentTo("direct:outbox-dead-letter").create();

        long outboxId = queue("+393331230001", "Breakfast is served from 7:30 to 10:30.");

        assertThat(deadLettered.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(provider.getReceivedCounter()).as("attempts").isEqualTo(1);
        assertThat(stateOf(outboxId)).isEqualTo("dead/failed");
        assertThat(hub.text("SELECT error FROM dead_letters WHERE source = 'outbox' AND reference = '" + outboxId + "'"))
                .contains("Rejected", "400", "not a WhatsApp number");
    }
}
