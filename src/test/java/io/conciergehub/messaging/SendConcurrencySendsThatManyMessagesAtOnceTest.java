package io.conciergehub.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * messaging.send-concurrency: "sends in flight at once". The provider takes 3 s to accept each
 * message; with three senders, the answers to three guests are with the provider at the same time.
 */
class SendConcurrencySendsThatManyMessagesAtOnceTest {

    static final int PROVIDER_MILLIS = 3000;

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            spoki -> spoki.answer(aResponse().withStatus(200).withBody("{\"accepted\":true}")
                    .withFixedDelay(PROVIDER_MILLIS)),
            hub -> hub.property("messaging.send-concurrency", "3"));

    @Test
    void threeSendersHaveThreeMessagesWithTheProviderAtOnce() throws Exception {
        List<String> phones = List.of("+393350009101", "+393350009102", "+393350009103");
        for (String phone : phones) {
            env.hub().postSpoki(Webhooks.spokiInbound(phone, "What time is check-out?"));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status = 'sent'") == 3);
        List<Long> arrivals = env.spoki().sends().stream().map(LoggedRequest::getLoggedDate).map(Date::getTime)
                .sorted().toList();
        assertThat(arrivals).hasSize(3);
        assertThat(arrivals.get(2) - arrivals.get(0)).as("ms from the first send at the provider to the third")
                .isLessThan(PROVIDER_MILLIS);
    }
}
