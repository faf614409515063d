package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.OutboxOnASwitchableEpochTest;
import io.conciergehub.support.OutboxRouteTest;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The provider still holds a request when its node loses the role and takes it again: the
 * recovery dead-letters the send as "may have been delivered". When the provider then confirms the
 * request, the message was delivered: it shows as sent, and no dead letter is left that staff
 * could replay into a second copy for the guest; a replay staff started meanwhile sends nothing more.
 */
@CamelMainTest(properties = {"messaging.recipient-spacing=10"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class ALateSuccessOnADeposedNodeLeavesNoDeadLetterToReplayTest extends OutboxOnASwitchableEpochTest {

    @Test
    void theConfirmationAfterTheRecoveryMakesTheMessageSentAndWithdrawsItsDeadLetter() throws Exception {
        long outboxId = answeredAfterItsNodeWasDeposed("+393331230016", "Late checkout is fine until 12.",
                answer(200, "{\"id\":\"spoki-late-1\"}"));

        assertThat(stateOf(outboxId)).isEqualTo("done/sent");
        assertThat(hub.text("SELECT COUNT(*) FROM dead_letters WHERE replayed_at IS NULL")).isEqualTo("0");
        assertThat(hub.text("SELECT m.provider_message_id FROM outbox o JOIN messages m ON m.id = o.message_id"
                + " WHERE o.id = " + outboxId)).isEqualTo("spoki-late-1");
        assertThat(provider.getReceivedExchanges()).hasSize(1);
    }

    @Test
    void aConfirmationAfterStaffReplayedItKeepsTheReplayFromSendingItAgain() throws Exception {
        NotifyBuilder replayEnded = new NotifyBuilder(context).fromRoute("outbox-dispatch").whenDone(2).create();
        long outboxId = answeredAfterItsNodeWasDeposed("+393331230019", "Breakfast is until 10:30.", exchange -> {
            replayByStaff(exchange.getProperty("outboxId", Long.class)); // before the provider answered
            answer(200, "{\"id\":\"spoki-late-2\"}").process(exchange);
        });
        dispatch(outboxId); // the replay hands it on
        assertThat(replayEnded.matches(10, TimeUnit.SECONDS)).isTrue();

        assertThat(stateOf(outboxId)).isEqualTo("done/sent");
        assertThat(provider.getReceivedExchanges()).hasSize(1);
    }
}
