package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.OutboxRouteTest;
import java.time.Duration;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * A message that went out on a redelivery hands its guest's next message on without its own
 * redelivery count: the next one has the whole retry budget, and its first attempt counts once.
 */
@CamelMainTest(properties = {"messaging.max-redeliveries=1", "messaging.redelivery-delay=100",
        "messaging.recipient-spacing=100ms"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class TheNextMessageOfAGuestGetsItsOwnRetriesTest extends OutboxRouteTest {

    static final String CARLA = "+393331230009";

    @Test
    void theSecondMessageIsRetriedOnceLikeTheFirst() throws Exception {
        provider.whenExchangeReceived(1, answer(503, "{\"error\":\"unavailable\"}"));
        provider.whenExchangeReceived(3, answer(503, "{\"error\":\"unavailable\"}"));
        long first = queue(CARLA, "Breakfast is from 7:30.");
        long second = queue(CARLA, "Parking is 15 EUR a day."); // handed on when the first is sent

        await().atMost(Duration.ofSeconds(10)).until(() -> "done/sent".equals(stateOf(second)));
        assertThat(stateOf(first)).isEqualTo("done/sent");
        assertThat(hub.count("SELECT attempts FROM outbox WHERE id = " + first)).isEqualTo(2);
        assertThat(hub.count("SELECT attempts FROM outbox WHERE id = " + second)).isEqualTo(2);
        assertThat(hub.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }
}
