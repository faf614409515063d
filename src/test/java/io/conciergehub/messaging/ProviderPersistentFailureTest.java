package io.conciergehub.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A send that keeps failing is retried the configured number of times, then dead-lettered. */
class ProviderPersistentFailureTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            stub -> stub.answer(aResponse().withStatus(500).withBody("{\"detail\":\"internal error\"}")),
            // A circuit that never opens here, so that only the redelivery policy decides.
            hub -> hub.property("messaging.max-redeliveries", "2").property("messaging.redelivery-delay", "100")
                    .property("messaging.circuit.minimum-calls", "100"));

    @Test
    void afterTheLastRedeliveryTheMessageIsADeadLetterWithTheError() throws Exception {
        String body = Webhooks.spokiInbound("+393330000501", "What time is check-in?");
        env.hub().postSpoki(body);

        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM dead_letters") == 1);
        assertThat(env.hub().text("SELECT error FROM dead_letters")).contains("500");
        assertThat(env.hub().text("SELECT state || '/' || attempts FROM outbox")).isEqualTo("dead/3");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> env.spoki().sends().size() == 3);
    }
}
