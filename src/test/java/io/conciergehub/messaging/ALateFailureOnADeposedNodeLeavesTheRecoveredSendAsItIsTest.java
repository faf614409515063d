package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.OutboxOnASwitchableEpochTest;
import io.conciergehub.support.OutboxRouteTest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The provider still holds a request when its node loses the role and takes it again: the
 * recovery dead-letters the send as "may have been delivered". When the provider then refuses the
 * request, that late failure records nothing more: one dead letter, the one staff check.
 */
@CamelMainTest(properties = {"messaging.recipient-spacing=10"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class ALateFailureOnADeposedNodeLeavesTheRecoveredSendAsItIsTest extends OutboxOnASwitchableEpochTest {

    @Test
    void theRefusalAfterTheRecoveryAddsNoSecondDeadLetter() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        provider.whenExchangeReceived(1, exchange -> {
            requestArrived.countDown();
            answer.await(10, TimeUnit.SECONDS); // the provider takes its time
            answer(400, "{\"error\":\"invalid recipient\"}").process(exchange);
        });
        NotifyBuilder sendEnded = new NotifyBuilder(context).fromRoute("outbox-dispatch")
                .wereSentTo("direct:outbox-attempt").whenDone(1).create();
        long outboxId = queue("+393331230015", "Checkout is at 11.");
        assertThat(requestArrived.await(10, TimeUnit.SECONDS)).isTrue();

        epoch.fence();
        epoch.promote();
        outbox.recoverInterrupted(); // as the node does on becoming active
        answer.countDown();

        assertThat(sendEnded.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stateOf(outboxId)).isEqualTo("dead/failed");
        assertThat(hub.text("SELECT GROUP_CONCAT(error, ' | ') FROM dead_letters WHERE source = 'outbox'"
                + " AND reference = '" + outboxId + "'")).isEqualTo(Outbox.MAYBE_DELIVERED);
    }
}
