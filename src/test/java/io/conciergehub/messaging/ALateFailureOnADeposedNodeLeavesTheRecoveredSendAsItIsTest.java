package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.OutboxOnASwitchableEpochTest;
import io.conciergehub.support.OutboxRouteTest;
import java.time.Duration;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The provider still holds a request when its node loses the role and takes it again: the
 * recovery dead-letters the send as "may have been delivered". When the provider then refuses the
 * request, that late failure records nothing more: one dead letter, the one staff check, or, once
 * staff replayed it, none, and the replay goes out.
 */
@CamelMainTest(properties = {"messaging.recipient-spacing=10"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class ALateFailureOnADeposedNodeLeavesTheRecoveredSendAsItIsTest extends OutboxOnASwitchableEpochTest {

    @Test
    void theRefusalAfterTheRecoveryAddsNoSecondDeadLetter() throws Exception {
        long outboxId = answeredAfterItsNodeWasDeposed("+393331230015", "Checkout is at 11.",
                answer(400, "{\"error\":\"invalid recipient\"}"));

        assertThat(stateOf(outboxId)).isEqualTo("dead/failed");
        assertThat(hub.text("SELECT GROUP_CONCAT(error, ' | ') FROM dead_letters WHERE source = 'outbox'"
                + " AND reference = '" + outboxId + "'")).isEqualTo(Outbox.MAYBE_DELIVERED);
    }

    @Test
    void aRefusalAfterStaffReplayedItLeavesTheReplayToGoOut() throws Exception {
        long outboxId = answeredAfterItsNodeWasDeposed("+393331230020", "The spa opens at 9.", exchange -> {
            replayByStaff(exchange.getProperty("outboxId", Long.class)); // before the provider answered
            answer(400, "{\"error\":\"invalid recipient\"}").process(exchange);
        });
        dispatch(outboxId); // the replay hands it on (unless the guest's next went already)
        await().atMost(Duration.ofSeconds(10)).until(() -> "done/sent".equals(stateOf(outboxId)));
        assertThat(provider.getReceivedExchanges()).hasSize(2);
    }
}
