package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.OutboxOnASwitchableEpochTest;
import io.conciergehub.support.OutboxRouteTest;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * A send is dead-lettered as "may have been delivered" while the provider still holds its request
 * (its node lost the role and took it again), and staff replay it at once. When the provider then
 * answers the first request, that late answer says nothing of the replayed one, still at the
 * provider: if the node stops now, the replayed send too is a dead letter, never sent a third time.
 */
@CamelMainTest(advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class ALateAnswerToADeposedSendSaysNothingOfItsReplayStillAtTheProviderTest extends OutboxOnASwitchableEpochTest {

    @Test
    void aLateRefusalLeavesTheReplayToBeDeadLetteredByTheNextRecovery() throws Exception {
        replayedWhileTheFirstRequestIsAnsweredLate("+393331230017", first ->
                outbox.attemptFailed(first.outboxId(), first.epoch(), "400 invalid recipient", true));
    }

    @Test
    void aLateSuccessLeavesTheReplayToBeDeadLetteredByTheNextRecovery() throws Exception {
        replayedWhileTheFirstRequestIsAnsweredLate("+393331230018", first ->
                outbox.markSent(first.outboxId(), "spoki-first", first.epoch()));
    }

    private void replayedWhileTheFirstRequestIsAnsweredLate(String phone, Consumer<OutboundMessage> lateAnswer)
            throws Exception {
        long outboxId = enqueue(phone, "Your room is ready.");
        OutboundMessage first = outbox.claim(outboxId); // its request is at the provider
        epoch.fence();
        epoch.promote();
        outbox.recoverInterrupted();
        assertThat(stateOf(outboxId)).isEqualTo("dead/failed");
        replayByStaff(outboxId);
        assertThat(outbox.claim(outboxId)).isNotNull(); // the replayed request is at the provider

        lateAnswer.accept(first);
        assertThat(stateOf(outboxId)).isEqualTo("sending/queued");
        epoch.fence(); // the node stops while the provider holds the replayed request
        epoch.promote();
        outbox.recoverInterrupted();
        dispatch(outboxId); // handed on again, as the sweep would

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> provider.getReceivedExchanges().isEmpty());
        assertThat(stateOf(outboxId)).isEqualTo("dead/failed");
    }
}
