package io.conciergehub.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spoki answers 500 for a while: the circuit opens, nothing is lost, each answer goes out once after recovery. */
class ProviderOutageTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(stub -> {
        stub.server().stubFor(post(urlEqualTo(SpokiStub.SEND_PATH)).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"detail\":\"internal error\"}")));
        stub.server().stubFor(post(urlEqualTo(SpokiStub.SEND_PATH)).inScenario("outage").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"accepted\":true,\"uuid\":\"out-{{randomValue type='UUID'}}\"}")));
    }, hub -> hub.property("messaging.circuit.minimum-calls", "3")
            .property("messaging.circuit.window-size", "5")
            .property("messaging.circuit.open-duration", "2s")
            .property("messaging.redelivery-delay", "200")
            .property("messaging.max-redeliveries", "3"));

    static final List<String> GUESTS = List.of("+393330000101", "+393330000102", "+393330000103", "+393330000104",
            "+393330000105", "+393330000106");

    @Test
    void theCircuitOpensAndEveryAnswerIsSentOnceAfterRecovery() throws Exception {
        for (String phone : GUESTS) {
            String body = Webhooks.spokiInbound(phone, "What time is breakfast?");
            assertThat(env.hub().postSpoki(body)
                    .statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String health = env.hub().get("/health", "X-API-Key", TestHub.API_KEY).body();
            assertThat(health).contains("\"status\":\"DEGRADED\"").contains("circuit provider-send is open");
        });
        assertThat(env.hub().get("/metrics", "X-API-Key", TestHub.API_KEY).body())
                .contains("concierge_circuit_state{name=\"provider-send\"} 2.0");
        assertThat(env.hub().count("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')")).isEqualTo(GUESTS.size());

        env.spoki().server().setScenarioState("outage", "recovered");

        await().atMost(Duration.ofSeconds(40)).until(() ->
                env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status = 'sent'") == GUESTS.size());
        for (String phone : GUESTS) {
            long delivered = env.spoki().server().getAllServeEvents().stream()
                    .filter(e -> e.getResponse().getStatus() == 200)
                    .filter(e -> e.getRequest().getBodyAsString().contains("\"" + phone + "\"")).count();
            assertThat(delivered).as("answers accepted by Spoki for %s", phone).isEqualTo(1);
        }
        assertThat(env.hub().count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }
}
