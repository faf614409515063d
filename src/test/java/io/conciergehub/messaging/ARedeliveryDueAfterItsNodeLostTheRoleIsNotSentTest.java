package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.OutboxOnASwitchableEpochTest;
import io.conciergehub.support.OutboxRouteTest;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Processor;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * A send whose first attempt failed waits for its redelivery. If its node loses the active role
 * meanwhile, the redelivery starts nothing, even once the node holds the role again under a
 * higher epoch: the row belongs to the recovery of the node that became active. That recovery
 * queues it again when the provider certainly did not take it, and dead-letters it when it may
 * have; either way it reaches the guest at most once.
 */
@CamelMainTest(properties = {"messaging.max-redeliveries=1", "messaging.redelivery-delay=1500",
        "messaging.recipient-spacing=10"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class ARedeliveryDueAfterItsNodeLostTheRoleIsNotSentTest extends OutboxOnASwitchableEpochTest {

    static final Processor UNAVAILABLE = answer(503, "{\"error\":\"unavailable\"}");
    static final Processor NO_ANSWER_IN_TIME = exchange -> {
        throw new SocketTimeoutException("Read timed out");
    };

    @Test
    void aSendTheProviderRefusedIsQueuedAgainAndGoesOnceUnderTheNewEpoch() throws Exception {
        NotifyBuilder bothSendsEnded = sendsEnded(2);
        long outboxId = queueWithAFailedFirstAttempt(UNAVAILABLE, "+393331230011", "Breakfast is until 10:30.");

        becomeActiveAgain();
        assertThat(stateOf(outboxId)).as("certainly not delivered: queued again").isEqualTo("queued/queued");
        dispatch(outboxId); // as the sweep does

        assertThat(bothSendsEnded.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stateOf(outboxId)).isEqualTo("done/sent");
        assertThat(provider.getReceivedCounter()).as("the refused attempt and the new send, no third").isEqualTo(2);
        assertThat(hub.count("SELECT COUNT(*) FROM dead_letters WHERE source = 'outbox' AND reference = '"
                + outboxId + "'")).isZero();
    }

    @Test
    void aSendThatMayHaveReachedTheProviderStaysADeadLetter() throws Exception {
        NotifyBuilder sendEnded = sendsEnded(1);
        long outboxId = queueWithAFailedFirstAttempt(NO_ANSWER_IN_TIME, "+393331230012", "Your room is ready.");

        becomeActiveAgain();
        assertThat(stateOf(outboxId)).as("may have been delivered").isEqualTo("dead/failed");

        assertThat(sendEnded.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stateOf(outboxId)).isEqualTo("dead/failed");
        assertThat(provider.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aFencedNodeDeadLettersASendThatMayHaveReachedTheProviderAndTheGuestsLineGoesOn() throws Exception {
        String guest = "+393331230013";
        NotifyBuilder sendEnded = sendsEnded(1);
        long outboxId = queueWithAFailedFirstAttempt(NO_ANSWER_IN_TIME, guest, "The spa opens at 9.");

        epoch.fence(); // the redelivery comes while the node is fenced
        assertThat(sendEnded.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stateOf(outboxId)).as("not queued again: its first attempt may have been delivered")
                .isEqualTo("dead/failed");

        epoch.resume(); // the role back without a recovery, as after a hand-back that failed
        long next = queue(guest, "The pool opens at 8.");
        await().atMost(Duration.ofSeconds(10)).until(() -> "done/sent".equals(stateOf(next)));
        assertThat(stateOf(outboxId)).isEqualTo("dead/failed");
        assertThat(provider.getReceivedCounter()).isEqualTo(2);
    }

    /** Queues an answer whose first attempt the provider answers with {@code firstAnswer}; returns the row once it failed. */
    private long queueWithAFailedFirstAttempt(Processor firstAnswer, String phone, String text) {
        provider.whenExchangeReceived(1, firstAnswer);
        long outboxId = queue(phone, text);
        await().atMost(Duration.ofSeconds(10)).until(
                () -> hub.text("SELECT last_error FROM outbox WHERE id = " + outboxId) != null);
        return outboxId;
    }

    /** Fenced, then active again under a higher epoch, recovering half-done sends as the node does on promotion. */
    private void becomeActiveAgain() {
        epoch.fence();
        epoch.promote();
        outbox.recoverInterrupted();
    }

    /** Exchanges of the sender that reached the provider's attempt, ended (sent, failed or given up). */
    private NotifyBuilder sendsEnded(int count) {
        return new NotifyBuilder(context).fromRoute("outbox-dispatch").wereSentTo("direct:outbox-attempt")
                .whenDone(count).create();
    }
}
