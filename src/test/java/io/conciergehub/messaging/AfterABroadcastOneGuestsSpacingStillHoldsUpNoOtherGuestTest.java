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
 * The per-recipient spacing remembers each guest it paced for ten spacings. A broadcast to more
 * guests than a Camel thread pool's queue holds by default (1,000) must not change how it waits:
 * a guest's next message still waits without a thread, so the one sender of this hub goes on
 * with another guest's message meanwhile.
 */
@CamelMainTest(properties = { "messaging.recipient-spacing=3s", "messaging.max-rate=100000",
        "messaging.send-concurrency=1" },
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class AfterABroadcastOneGuestsSpacingStillHoldsUpNoOtherGuestTest extends OutboxRouteTest {

    static final int BROADCAST = 1_100;
    static final String ANNA = "+393331230006";
    static final String BRUNO = "+393331230007";

    @Test
    void aGuestsSecondReplyWaitsItsSpacingWhileAnotherGuestsReplyGoesOut() throws Exception {
        for (int guest = 0; guest < BROADCAST; guest++) {
            queue("+39334" + (1_000_000 + guest), "A storm is expected tonight: please close your windows.");
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> hub.count("SELECT COUNT(*) FROM outbox WHERE state = 'done'") == BROADCAST);

        queue(ANNA, "Breakfast is from 7:30.");
        queue(ANNA, "Parking is 15 EUR a day.");
        queue(BRUNO, "Check-in is from 15:00.");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> hub.count("SELECT COUNT(*) FROM outbox WHERE state = 'done'") == BROADCAST + 3);
        List<Long> toAnna = attemptTimesTo(ANNA);
        assertThat(toAnna).hasSize(2);
        assertThat(toAnna.get(1) - toAnna.get(0)).isGreaterThanOrEqualTo(2_500);
        assertThat(attemptTimesTo(BRUNO)).singleElement().satisfies(toBruno ->
                assertThat(toBruno).as("Bruno's reply, sent before Anna's second").isLessThan(toAnna.get(1)));
    }
}
