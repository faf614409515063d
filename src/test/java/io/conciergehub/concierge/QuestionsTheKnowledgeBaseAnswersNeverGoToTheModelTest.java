package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static io.conciergehub.support.HubWithAModel.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubWithAModel;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With LLM answers on, what the knowledge base answers is still answered from it, without a call
 * to the model; nor does a message without text (a photo, a voice note) go to the model: the guest
 * gets the polite answer and staff are told, as without a model. The caption a guest writes under a
 * WhatsApp photo is their message.
 */
class QuestionsTheKnowledgeBaseAnswersNeverGoToTheModelTest {

    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withProperties();

    @BeforeEach
    void theModelHasBeenAskedNothingYet() {
        env.llm().resetRequests();
    }

    @Test
    void questionsTheKnowledgeBaseAnswersNeverGoToTheModel() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(completion("should not be used")));

        assertThat(env.ask("What is the wifi password?")).startsWith("The Wi-Fi network is");
        assertThat(env.chatRequests()).isEmpty();
    }

    @Test
    void aWhatsAppPhotosCaptionIsReadAsTheGuestsQuestion() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(completion("should not be used")));

        String answer = answerOnWhatsApp("393471230101",
                Webhooks.whatsappMedia("wamid.IN-P1", "393471230101", "Sara", "image", "What is the wifi password?"));

        assertThat(answer).startsWith("The Wi-Fi network is");
        assertThat(env.chatRequests()).isEmpty();
    }

    @Test
    void aWhatsAppPhotoWithoutWordsNeverGoesToTheModelAndFlagsTheGuestForStaff() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(completion("What a lovely photo!")));

        String answer = answerOnWhatsApp("393471230102",
                Webhooks.whatsappMedia("wamid.IN-P2", "393471230102", "Luca", "image", null));

        assertThat(answer).startsWith("Thank you for your message! I have passed it on to our staff");
        assertThat(Guests.flagged(env.hub(), "+393471230102")).isTrue();
        assertThat(env.chatRequests()).isEmpty();
    }

    @Test
    void aSpokiMessageWithoutTextNeverGoesToTheModelAndFlagsTheGuestForStaff() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(completion("What a lovely photo!")));
        String phone = "+393471230103";
        // A photo or a voice note through Spoki: a message.inbound whose text is null.
        String body = Webhooks.spokiInbound(phone, "").replace("\"text\":\"\"", "\"text\":null");

        assertThat(env.hub().postSpoki(body).statusCode()).isEqualTo(200);

        assertThat(firstAnswer(phone)).startsWith("Thank you for your message! I have passed it on to our staff");
        assertThat(Guests.flagged(env.hub(), phone)).isTrue();
        assertThat(env.chatRequests()).isEmpty();
    }

    /** The guest writes on WhatsApp ({@code body}); returns the text of the hub's answer. */
    private static String answerOnWhatsApp(String fromDigits, String body) throws Exception {
        assertThat(env.hub().postJson("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.whatsappSignature(body))
                .statusCode()).isEqualTo(200);
        return firstAnswer("+" + fromDigits);
    }

    /** The text of the hub's first answer to the guest, once it went out. */
    private static String firstAnswer(String phone) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !OutboundLog.to(env.hub(), phone).isEmpty());
        return OutboundLog.to(env.hub(), phone).get(0).path("text").asText();
    }
}
