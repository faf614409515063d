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
 * outbox-delivery: a send the provider fails (5xx) is tried again after messaging.redelivery-delay,
 * then twice that, four times that ... up to messaging.max-redelivery-delay (here 300, 600, then 700
 * instead of 1200), and goes out as soon as the provider takes it.
 */
@CamelMainTest(properties = {"messaging.max-redeliveries=3", "messaging.redelivery-delay=300",
        "messaging.max-redelivery-delay=700"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class FailedSendsAreRedeliveredWithExponentialBackOffTest extends OutboxRouteTest {

    @Test
    void eachRetryWaitsTwiceAsLongAsTheOneBeforeUpToTheMaximum() throws Exception {
        provider.whenExchangeReceived(1, answer(500, "{\"error\":\"internal\"}"));
        provider.whenExchangeReceived(2, answer(502, "bad gateway"));
        provider.whenExchangeReceived(3, answer(503, "{\"error\":\"unavailable\"}"));

        long outboxId = queue("+393331230003", "Check-out is until 10:00.");

        await().atMost(Duration.ofSeconds(10)).until(() -> "done/sent".equals(stateOf(outboxId)));
        List<Long> attempts = attemptTimes();
        assertThat(attempts).hasSize(4);
        assertThat(attempts.get(1) - attempts.get(0)).as("first wait").isGreaterThanOrEqualTo(290);
        assertThat(attempts.get(2) - attempts.get(1)).as("second wait").isGreaterThanOrEqualTo(590);
        assertThat(attempts.get(3) - attempts.get(2)).as("third wait: the maximum, not twice the second")
                .isBetween(690L, 1100L);
        assertThat(hub.count("SELECT attempts FROM outbox WHERE id = " + outboxId)).isEqualTo(4);
        assertThat(hub.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }
}
