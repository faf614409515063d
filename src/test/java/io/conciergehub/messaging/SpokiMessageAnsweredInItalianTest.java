package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SpokiMessageAnsweredInItalianTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki();

    @Test
    void anItalianQuestionGetsAnItalianAnswerThroughSpoki() throws Exception {
        String body = Webhooks.spokiInbound("+39 333 123 4567", "Buongiorno, a che ora è il check-in?");

        HttpResponse<String> ack = env.hub().postSpoki(body);

        assertThat(ack.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sentTo("+393331234567") == 1);
        LoggedRequest send = env.spoki().sends().stream().filter(r -> r.getBodyAsString().contains("+393331234567"))
                .findFirst().orElseThrow();
        assertThat(send.getHeader("X-Spoki-Api-Key")).isEqualTo(SpokiStub.API_KEY);
        JsonNode sent = env.spoki().sentBodies().stream().filter(b -> b.path("phone").asText().equals("+393331234567"))
                .findFirst().orElseThrow();
        assertThat(sent.path("type").asText()).isEqualTo("Message");
        assertThat(sent.path("phone").asText()).isEqualTo("+393331234567");
        assertThat(sent.path("text").asText()).startsWith("Il check-in è dalle 15:00");
    }

    @Test
    void theAnswerIsRecordedAsSentWithSpokisMessageId() throws Exception {
        String body = Webhooks.spokiInbound("+39 347 000 1111", "Qual è la password del wifi?");
        env.hub().postSpoki(body);

        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status = 'sent' AND intent = 'wifi'") == 1);
        assertThat(env.hub().text("SELECT provider_message_id FROM messages WHERE direction = 'out' AND intent = 'wifi'"))
                .startsWith("out-");
        assertThat(env.hub().text("SELECT language FROM messages WHERE direction = 'in' AND intent = 'wifi'")).isEqualTo("it");
    }
}
