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
 * outbox-dispatch paces sends per recipient: messages to one guest go out at least
 * messaging.recipient-spacing apart, while a message to another guest is not kept waiting by them.
 */
@CamelMainTest(properties = "messaging.recipient-spacing=600ms",
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class SendsToOneGuestAreSpacedWithoutHoldingUpOthersTest extends OutboxRouteTest {

    static final String ANNA = "+393331230006";
    static final String BRUNO = "+393331230007";

    @Test
    void threeRepliesToOneGuestAreSpacedAndAnotherGuestsReplyGoesOutInBetween() throws Exception {
        queue(ANNA, "Breakfast is from 7:30.");
        queue(ANNA, "Parking is 15 EUR a day.");
        queue(ANNA, "The taxi number is +39 06 3570.");
        queue(BRUNO, "Check-in is from 15:00.");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> hub.count("SELECT COUNT(*) FROM outbox WHERE state = 'done'") == 4);
        List<Long> toAnna = attemptTimesTo(ANNA);
        assertThat(toAnna).hasSize(3);
        // The spacing is kept where the throttle lets a send go; the provider call a moment after
        // it varies with the database write before it, by tens of milliseconds on a busy machine.
        assertThat(toAnna.get(1) - toAnna.get(0)).isGreaterThanOrEqualTo(500);
        assertThat(toAnna.get(2) - toAnna.get(1)).isGreaterThanOrEqualTo(500);
        assertThat(attemptTimesTo(BRUNO)).singleElement().satisfies(toBruno ->
                assertThat(toBruno).as("Bruno's reply, sent before Anna's second").isLessThan(toAnna.get(1)));
    }
}
