package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubWithAModel;
import io.conciergehub.support.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the model keeps failing, guests get the knowledge base's answer, and once the LLM circuit
 * opens the hub stops calling the model (and /health says so).
 */
class WhenTheModelIsDownItsCircuitStopsTheCallsTest {

    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withProperties("llm.max-retries", "1", "llm.retry-delay", "50",
            "llm.circuit.minimum-calls", "2", "llm.circuit.window-size", "2");

    @Test
    void whenTheModelIsDownGuestsGetTheKnowledgeBaseAnswerAndTheCircuitStopsTheCalls() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(503)));

        for (String question : new String[] {"Do you have a spa?", "Is there a gym?", "Can I rent a bike?",
                "Do you sell concert tickets?"}) {
            assertThat(env.ask(question)).startsWith("Thank you for your message!");
        }

        assertThat(env.chatRequests()).as("two questions, each tried twice; then the circuit is open").hasSize(4);
        assertThat(env.hub().get("/health", "X-API-Key", TestHub.API_KEY).body()).contains("\"llm\":\"OPEN\"");
    }
}
