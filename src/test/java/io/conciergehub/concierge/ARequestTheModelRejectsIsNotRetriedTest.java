package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubWithAModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * llm-calls: a request the model refuses (4xx other than 429) is not tried again; the guest gets
 * the knowledge base's answer and is flagged for staff.
 */
class ARequestTheModelRejectsIsNotRetriedTest {

    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withProperties();

    @Test
    void aRejectedRequestIsNotRetriedAndTheGuestGetsTheKnowledgeBaseAnswer() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"message\":\"Incorrect API key\"}}")));

        assertThat(env.ask("Do you have a spa?")).startsWith("Thank you for your message!");
        assertThat(env.chatRequests()).hasSize(1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE needs_attention = 1")).as("the one guest").isEqualTo(1);
    }
}
