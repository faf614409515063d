package io.conciergehub.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spoki refuses the request itself (400): it goes to the dead letters at once, with no retry storm. */
class ProviderRejectionTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            stub -> stub.answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody("{\"phone\":[\"invalid phone number\"]}")),
            hub -> hub.property("messaging.redelivery-delay", "100"));

    @Test
    void aRejectedMessageIsDeadLetteredWithTheErrorAndNotRetried() throws Exception {
        String body = Webhooks.spokiInbound("+393330000201", "Do you have parking?");
        env.hub().postSpoki(body);

        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM dead_letters") == 1);
        assertThat(env.hub().text("SELECT error FROM dead_letters")).contains("400").contains("invalid phone number");
        assertThat(env.hub().text("SELECT status FROM messages WHERE direction = 'out'")).isEqualTo("failed");
        assertThat(env.hub().text("SELECT state FROM outbox")).isEqualTo("dead");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> env.spoki().sends().size() == 1);
        assertThat(env.hub().get("/health", "X-API-Key", TestHub.API_KEY).body())
                .as("a 4xx is our request's fault, not the provider's: the circuit stays closed")
                .contains("\"provider-send\":\"CLOSED\"");
    }
}
