package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.OutboxOnASwitchableEpochTest;
import java.util.concurrent.TimeUnit;
import org.apache.camel.EndpointInject;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A send waits for the peer to know it starts. If the peer answers that shipment with a higher
 * epoch (it holds the role: after a partition, or a hand-back whose answer was lost), the waiting
 * send is released, but its node is fenced: it must not hand the message to the provider, and as
 * the request never left, the row stays queued (the guest's message is relayed to the active node
 * when this one rejoins). A node that is merely handing the role over finishes the send the peer
 * has just acknowledged.
 */
@CamelMainTest(advices = @AdviceRouteMapping(route = "outbox-attempt",
        advice = ASendWhoseNodeWasFencedWhileItWaitedForThePeerIsNotSentTest.ThePeerAndTheProviderAreMocks.class))
class ASendWhoseNodeWasFencedWhileItWaitedForThePeerIsNotSentTest extends OutboxOnASwitchableEpochTest {

    /** The wait for the peer's acknowledgement is {@code mock:peer}, the provider {@code mock:provider}. */
    public static final class ThePeerAndTheProviderAreMocks extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveByToString(".*awaitPeer.*").replace().to("mock:peer");
            weaveByToUri("direct:outbox-send-*").replace().to("mock:provider");
        }
    }

    @EndpointInject("mock:peer")
    MockEndpoint peer;

    /** The hub runs on for the whole class: each test starts on an active node, above every earlier epoch. */
    @BeforeEach
    void theNodeIsActive() {
        epoch.promote();
        peer.reset();
    }

    @Test
    void aNodeFencedByAHigherEpochSendsNothingAndKeepsTheMessageQueued() throws Exception {
        peer.whenAnyExchangeReceived(exchange -> epoch.fenceByAHigherEpoch()); // the shipment's answer carried it
        NotifyBuilder sendEnded = sendEnded();

        long outboxId = queue("+393331230021", "Breakfast is until 10:30.");

        assertThat(sendEnded.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(peer.getReceivedCounter()).as("the send waited for the peer").isEqualTo(1);
        assertThat(provider.getReceivedCounter()).as("sent by the active node, not this one").isZero();
        assertThat(stateOf(outboxId)).as("never left: no 'may have been delivered' dead letter").isEqualTo("queued/queued");
        assertThat(hub.count("SELECT COUNT(*) FROM dead_letters WHERE source = 'outbox' AND reference = '"
                + outboxId + "'")).isZero();
    }

    @Test
    void aNodeHandingTheRoleOverFinishesTheSendThePeerKnowsOf() throws Exception {
        peer.whenAnyExchangeReceived(exchange -> epoch.fence()); // released: passive, no higher epoch anywhere
        NotifyBuilder sendEnded = sendEnded();

        long outboxId = queue("+393331230022", "The spa opens at 9.");

        assertThat(sendEnded.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(provider.getReceivedCounter()).isEqualTo(1);
        assertThat(stateOf(outboxId)).isEqualTo("done/sent");
    }

    private NotifyBuilder sendEnded() {
        return new NotifyBuilder(context).fromRoute("outbox-dispatch").wereSentTo("direct:outbox-attempt")
                .whenDone(1).create();
    }
}
