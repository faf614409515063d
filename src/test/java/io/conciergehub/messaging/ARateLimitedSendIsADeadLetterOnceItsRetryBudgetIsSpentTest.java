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
 * messaging.rate-limit-retries: a provider that keeps answering 429 gets that many retries, each
 * after its Retry-After, and then the message is a dead letter (README: "retries after a 429,
 * each after its Retry-After"); the retries for failures (messaging.max-redeliveries) are not used.
 */
@CamelMainTest(properties = {"messaging.rate-limit-retries=2", "messaging.max-redeliveries=5",
        "messaging.redelivery-delay=10"},
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class ARateLimitedSendIsADeadLetterOnceItsRetryBudgetIsSpentTest extends OutboxRouteTest {

    @Test
    void afterTheFirstAttemptAndTwoRetriesOfA429TheMessageIsADeadLetter() throws Exception {
        provider.whenAnyExchangeReceived(answer(429, "{\"error\":\"slow down\"}", "Retry-After", "1"));

        long outboxId = queue("+393331230005", "Breakfast is served from 7:00 to 10:30.");

        await().atMost(Duration.ofSeconds(15)).until(() -> "dead/failed".equals(stateOf(outboxId)));
        List<Long> attempts = attemptTimes();
        assertThat(attempts).as("the first attempt and messaging.rate-limit-retries retries").hasSize(3);
        assertThat(attempts.get(1) - attempts.get(0)).as("first wait: its Retry-After").isGreaterThanOrEqualTo(900);
        assertThat(attempts.get(2) - attempts.get(1)).as("second wait: its Retry-After").isGreaterThanOrEqualTo(900);
        assertThat(hub.count("SELECT COUNT(*) FROM dead_letters WHERE source = 'outbox' AND reference = '" + outboxId
                + "'")).isEqualTo(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> provider.getReceivedCounter() == 3);
    }
}
