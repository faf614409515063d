package io.conciergehub.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.WhatsAppCloudStub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WhatsAppMessageAnsweredInGermanTest {

    static final String SEND_PATH = WhatsAppCloudStub.SEND_PATH;
    static final String TOKEN = WhatsAppCloudStub.TOKEN;

    static WhatsAppCloudStub stub;
    static WireMockServer meta;
    static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        stub = new WhatsAppCloudStub();
        meta = stub.server();
        meta.stubFor(post(urlEqualTo(SEND_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+491701234567\","
                        + "\"wa_id\":\"491701234567\"}],\"messages\":[{\"id\":\"wamid.HBgLNDkxNzAxMjM0NTY3\"}]}")));
        hub = stub.configure(TestHub.builder()).start();
    }

    @AfterAll
    static void stop() {
        hub.close();
        stub.close();
    }

    @Test
    void aGermanQuestionGetsAGermanAnswerThroughTheCloudApi() throws Exception {
        String body = Webhooks.whatsappInbound("wamid.IN-1", "491701234567", "Anna Schmidt",
                "Guten Tag, wie lautet das WLAN-Passwort?");

        HttpResponse<String> ack = hub.postJson("/webhooks/whatsapp", body,
                "X-Hub-Signature-256", Webhooks.whatsappSignature(body));

        assertThat(ack.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !meta.findAll(postRequestedFor(urlEqualTo(SEND_PATH))).isEmpty());
        List<LoggedRequest> sends = meta.findAll(postRequestedFor(urlEqualTo(SEND_PATH)));
        assertThat(sends).hasSize(1);
        assertThat(sends.get(0).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode sent = new ObjectMapper().readTree(sends.get(0).getBodyAsString());
        assertThat(sent.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(sent.path("to").asText()).isEqualTo("491701234567");
        assertThat(sent.path("type").asText()).isEqualTo("text");
        assertThat(sent.path("text").path("body").asText()).startsWith("Das WLAN heißt");
        await().atMost(Duration.ofSeconds(5)).until(() -> "wamid.HBgLNDkxNzAxMjM0NTY3".equals(
                hub.text("SELECT provider_message_id FROM messages WHERE direction = 'out' AND status = 'sent'")));
    }

    @Test
    void theSubscriptionHandshakeEchoesTheChallengeOnlyForTheRightToken() throws Exception {
        HttpResponse<String> ok = hub.get("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444"
                + "&hub.verify_token=" + TestHub.WHATSAPP_VERIFY_TOKEN);
        HttpResponse<String> wrong = hub.get("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444"
                + "&hub.verify_token=guess");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("1158201444");
    }
}
