package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static io.conciergehub.support.HubWithAModel.completion;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.HubWithAModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With llm.base-url set, a question the knowledge base cannot answer goes to the OpenAI-compatible
 * endpoint, in the guest's language and with the hotel's facts as context; the guest gets its answer.
 */
class AnUnknownQuestionIsAnsweredByTheModelTest {

    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withProperties();

    @Test
    void anUnknownQuestionIsAnsweredByTheModelWithTheHotelsFactsAsContext() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(completion("Mi dispiace, non abbiamo una spa in hotel.")));

        String answer = env.ask("Avete una spa o una piscina?");

        assertThat(answer).isEqualTo("Mi dispiace, non abbiamo una spa in hotel.");
        LoggedRequest request = env.chatRequests().get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + HubWithAModel.KEY);
        JsonNode sent = new ObjectMapper().readTree(request.getBodyAsString());
        assertThat(sent.path("model").asText()).isEqualTo("test-model");
        assertThat(sent.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").path(0).path("content").asText()).contains("in Italian", "Sole2026");
        assertThat(sent.path("messages").path(1).path("content").asText()).isEqualTo("Avete una spa o una piscina?");
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE needs_attention = 1")).as("the one guest").isZero();
        assertThat(env.hub().count("SELECT SUM(units) FROM cost_days WHERE item = 'llm'")).as("the answer's tokens")
                .isEqualTo(1000);
    }
}
