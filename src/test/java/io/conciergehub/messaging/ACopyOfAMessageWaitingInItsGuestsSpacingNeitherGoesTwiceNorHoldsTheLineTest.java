package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.OutboxRouteTest;
import java.time.Duration;
import java.util.List;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * A message waiting in its guest's spacing is still queued (it is claimed only once the spacing
 * lets it go). When the sweep, or a hand-off, queues it again meanwhile, the copies are dropped:
 * it goes out once, and the guest's next message leaves one spacing after it, not one spacing per
 * copy.
 */
@CamelMainTest(properties = "messaging.recipient-spacing=1500ms",
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class ACopyOfAMessageWaitingInItsGuestsSpacingNeitherGoesTwiceNorHoldsTheLineTest extends OutboxRouteTest {

    static final String ANNA = "+393331230008";

    @Test
    void theCopiesAreDroppedAndTheNextMessageFollowsOneSpacingLater() throws Exception {
        long first = queue(ANNA, "Breakfast is from 7:30.");
        await().atMost(Duration.ofSeconds(10)).until(() -> "done/sent".equals(stateOf(first)));

        long second = queue(ANNA, "Parking is 15 EUR a day."); // held by the spacing for about 1.5 s
        for (int copy = 0; copy < 5; copy++) {
            dispatch(second);
        }
        assertThat(stateOf(second)).as("waiting in the spacing, not yet claimed").isEqualTo("queued/queued");
        long third = queue(ANNA, "The taxi number is +39 06 3570.");

        await().atMost(Duration.ofSeconds(15)).until(() -> "done/sent".equals(stateOf(third)));
        List<Long> toAnna = attemptTimesTo(ANNA);
        assertThat(toAnna).as("each message once").hasSize(3);
        assertThat(stateOf(second)).isEqualTo("done/sent");
        assertThat(toAnna.get(2) - toAnna.get(1))
                .as("the third one spacing after the second; paced copies would compete with it for the next")
                .isBetween(1400L, 2900L);
    }
}
