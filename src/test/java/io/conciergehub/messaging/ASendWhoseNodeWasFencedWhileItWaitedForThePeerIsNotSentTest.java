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
import org.junit.jupiter.api.Test;

/**
 * A send waits for the peer to know it starts. If the peer answers that shipment with a higher
 * epoch (it holds the role: after a partition, or a hand-back whose answer was lost), the waiting
 * send is released, but its node is fenced: the active node has the message and sends it, so this
 * one must not hand it to the provider too.
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

    @Test
    void theProviderGetsNothingFromTheFencedNode() throws Exception {
        peer.whenAnyExchangeReceived(exchange -> epoch.fence()); // the shipment's answer carried a higher epoch
        NotifyBuilder sendEnded = new NotifyBuilder(context).fromRoute("outbox-dispatch")
                .wereSentTo("direct:outbox-attempt").whenDone(1).create();

        long outboxId = queue("+393331230021", "Breakfast is until 10:30.");

        assertThat(sendEnded.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(peer.getReceivedCounter()).as("the send waited for the peer").isEqualTo(1);
        assertThat(provider.getReceivedCounter()).as("sent by the active node, not this one").isZero();
        assertThat(stateOf(outboxId)).as("settled as a deposed node's send").isEqualTo("dead/failed");
    }
}
