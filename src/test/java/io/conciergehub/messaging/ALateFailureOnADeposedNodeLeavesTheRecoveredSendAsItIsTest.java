package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.OutboxOnASwitchableEpochTest;
import io.conciergehub.support.OutboxRouteTest;
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
        long outboxId = answeredAfterItsNodeWasDeposed("+393331230015", "Checkout is at 11.",
                answer(400, "{\"error\":\"invalid recipient\"}"));

        assertThat(stateOf(outboxId)).isEqualTo("dead/failed");
        assertThat(hub.text("SELECT GROUP_CONCAT(error, ' | ') FROM dead_letters WHERE source = 'outbox'"
                + " AND reference = '" + outboxId + "'")).isEqualTo(Outbox.MAYBE_DELIVERED);
    }
}
