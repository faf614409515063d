package io.conciergehub.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spoki refuses the request itself (400): it goes to the dead letters at once, with no retry storm. */
class ProviderRejectionTest {

    static SpokiStub spoki;
    static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        spoki = new SpokiStub();
        spoki.answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"phone\":[\"invalid phone number\"]}"));
        hub = spoki.configure(TestHub.builder()).property("messaging.redelivery-delay", "100").start();
    }

    @AfterAll
    static void stop() {
        hub.close();
        spoki.close();
    }

    @Test
    void aRejectedMessageIsDeadLetteredWithTheErrorAndNotRetried() throws Exception {
        String body = Webhooks.spokiInbound("+393330000201", "Do you have parking?");
        hub.postSpoki(body);

        await().atMost(Duration.ofSeconds(10)).until(() -> hub.count("SELECT COUNT(*) FROM dead_letters") == 1);
        assertThat(hub.text("SELECT error FROM dead_letters")).contains("400").contains("invalid phone number");
        assertThat(hub.text("SELECT status FROM messages WHERE direction = 'out'")).isEqualTo("failed");
        assertThat(hub.text("SELECT state FROM outbox")).isEqualTo("dead");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> spoki.sends().size() == 1);
        assertThat(hub.get("/health", "X-API-Key", TestHub.API_KEY).body())
                .as("a 4xx is our request's fault, not the provider's: the circuit stays closed")
                .contains("\"provider-send\":\"CLOSED\"");
    }
}
