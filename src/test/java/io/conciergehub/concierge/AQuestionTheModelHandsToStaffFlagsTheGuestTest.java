package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static io.conciergehub.support.HubWithAModel.completion;
import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubWithAModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the hotel's facts do not answer the guest, the model is told to say so with one word, not
 * to promise the guest a reply itself: the guest then gets the hub's own "staff will answer" in
 * their language and is flagged, so staff are told and the promise is kept.
 */
class AQuestionTheModelHandsToStaffFlagsTheGuestTest {

    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withProperties();

    @Test
    void theGuestGetsTheHubsOwnAnswerAndIsFlagged() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(completion("HANDOFF")));

        String answer = env.ask("Posso portare il mio cane in camera?");

        assertThat(answer).startsWith("Grazie per il suo messaggio!");
        assertThat(env.chatRequests().get(0).getBodyAsString()).contains("answer only the word HANDOFF");
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE needs_attention = 1"
                + " AND attention_reason = 'not_understood'")).as("the one guest").isEqualTo(1);
    }
}
