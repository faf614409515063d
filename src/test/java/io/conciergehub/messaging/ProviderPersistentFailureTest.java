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

/** A send that keeps failing is retried the configured number of times, then dead-lettered. */
class ProviderPersistentFailureTest {

    static SpokiStub spoki;
    static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        spoki = new SpokiStub();
        spoki.answer(aResponse().withStatus(500).withBody("{\"detail\":\"internal error\"}"));
        // A circuit that never opens here, so that only the redelivery policy decides.
        hub = spoki.configure(TestHub.builder()).property("messaging.max-redeliveries", "2")
                .property("messaging.redelivery-delay", "100").property("messaging.circuit.minimum-calls", "100")
                .start();
    }

    @AfterAll
    static void stop() {
        hub.close();
        spoki.close();
    }

    @Test
    void afterTheLastRedeliveryTheMessageIsADeadLetterWithTheError() throws Exception {
        String body = Webhooks.spokiInbound("+393330000501", "What time is check-in?");
        hub.postSpoki(body);

        await().atMost(Duration.ofSeconds(10)).until(() -> hub.count("SELECT COUNT(*) FROM dead_letters") == 1);
        assertThat(hub.text("SELECT error FROM dead_letters")).contains("500");
        assertThat(hub.text("SELECT state || '/' || attempts FROM outbox")).isEqualTo("dead/3");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> spoki.sends().size() == 3);
    }
}
