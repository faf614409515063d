package io.conciergehub.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spoki answers 429 with Retry-After: the hub waits that long, then sends; not a failure. */
class ProviderRateLimitTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(stub -> {
        stub.server().stubFor(post(urlEqualTo(SpokiStub.SEND_PATH)).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("free"));
        stub.server().stubFor(post(urlEqualTo(SpokiStub.SEND_PATH)).inScenario("limit").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withBody("{\"accepted\":true,\"id\":42}")));
    },
            // No ordinary redeliveries at all: a 429 must not need them, it has its own budget.
            hub -> hub.property("messaging.max-redeliveries", "0").property("messaging.redelivery-delay", "100"));

    @Test
    void aRateLimitedSendWaitsForRetryAfterAndThenSucceeds() throws Exception {
        String body = Webhooks.spokiInbound("+393330000301", "Can you call me a taxi?");
        env.hub().postSpoki(body);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "sent".equals(env.hub().text("SELECT status FROM messages WHERE direction = 'out'")));
        List<LoggedRequest> sends = env.spoki().sends();
        assertThat(sends).hasSize(2);
        long waited = sends.get(1).getLoggedDate().getTime() - sends.get(0).getLoggedDate().getTime();
        assertThat(waited).as("ms between the 429 and the retry").isGreaterThanOrEqualTo(1900);
        assertThat(env.hub().count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(env.hub().text("SELECT provider_message_id FROM messages WHERE direction = 'out'")).isEqualTo("42");
    }
}
