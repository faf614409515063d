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
 * outbox-delivery: a 429's Retry-After, not the configured back-off, sets when the send is tried
 * again, and the wait uses none of the redeliveries meant for failures.
 */
@CamelMainTest(properties = {"messaging.max-redeliveries=0", "messaging.redelivery-delay=5s"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class ARateLimitedSendWaitsForRetryAfterTest extends OutboxRouteTest {

    @Test
    void theNextAttemptComesAfterRetryAfterAndTheMessageIsSent() throws Exception {
        provider.whenExchangeReceived(1, answer(429, "{\"error\":\"slow down\"}", "Retry-After", "2"));
        provider.whenExchangeReceived(2, answer(200, "{\"messages\":[{\"id\":\"wamid.42\"}]}"));

        long outboxId = queue("+393331230002", "A taxi will be at the entrance in ten minutes.");

        await().atMost(Duration.ofSeconds(10)).until(() -> "done/sent".equals(stateOf(outboxId)));
        List<Long> attempts = attemptTimes();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1) - attempts.get(0)).as("ms from the 429 to the next attempt")
                .isBetween(1900L, 4000L);
        assertThat(hub.text("SELECT provider_message_id FROM messages WHERE direction = 'out'")).isEqualTo("wamid.42");
        assertThat(hub.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }
}
