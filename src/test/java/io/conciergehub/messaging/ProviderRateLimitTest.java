package io.conciergehub.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spoki answers 429 with Retry-After: the hub waits that long, then sends; not a failure. */
class ProviderRateLimitTest {

    static SpokiStub spoki;
    static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        spoki = new SpokiStub();
        spoki.server().stubFor(post(urlEqualTo(SpokiStub.SEND_PATH)).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("free"));
        spoki.server().stubFor(post(urlEqualTo(SpokiStub.SEND_PATH)).inScenario("limit").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withBody("{\"accepted\":true,\"id\":42}")));
        // No ordinary redeliveries at all: a 429 must not need them, it has its own budget.
        hub = spoki.configure(TestHub.builder()).property("messaging.max-redeliveries", "0")
                .property("messaging.redelivery-delay", "100").start();
    }

    @AfterAll
    static void stop() {
        hub.close();
        spoki.close();
    }

    @Test
    void aRateLimitedSendWaitsForRetryAfterAndThenSucceeds() throws Exception {
        String body = Webhooks.spokiInbound("+393330000301", "Can you call me a taxi?");
        hub.postSpoki(body);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "sent".equals(hub.text("SELECT status FROM messages WHERE direction = 'out'")));
        List<LoggedRequest> sends = spoki.sends();
        assertThat(sends).hasSize(2);
        long waited = sends.get(1).getLoggedDate().getTime() - sends.get(0).getLoggedDate().getTime();
        assertThat(waited).as("ms between the 429 and the retry").isGreaterThanOrEqualTo(1900);
        assertThat(hub.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(hub.text("SELECT provider_message_id FROM messages WHERE direction = 'out'")).isEqualTo("42");
    }
}
