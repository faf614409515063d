package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static io.conciergehub.support.HubWithAModel.completion;
import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubWithAModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With LLM answers on, what the knowledge base answers is still answered from it, without a call to the model. */
class QuestionsTheKnowledgeBaseAnswersNeverGoToTheModelTest {

    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withProperties();

    @Test
    void questionsTheKnowledgeBaseAnswersNeverGoToTheModel() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(completion("should not be used")));

        assertThat(env.ask("What is the wifi password?")).startsWith("The Wi-Fi network is");
        assertThat(env.chatRequests()).isEmpty();
    }
}
