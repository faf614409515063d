package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input gets a clear 4xx and nothing is stored. */
class RejectedWebhooksStoreNothingTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @AfterEach
    void nothingWasStored() throws Exception {
        assertThat(env.hub().count("SELECT COUNT(*) FROM messages")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM outbox")).isZero();
    }

    @Test
    void aForgedSignatureIs401() throws Exception {
        String body = Webhooks.spokiInbound("+393331112222", "hello");
        String forged = Webhooks.spokiSignature("not-the-secret", body, Instant.now().getEpochSecond());

        HttpResponse<String> answer = env.hub().postJson("/webhooks/spoki", body, "X-Spoki-Signature", forged);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void aMissingSignatureIs401() throws Exception {
        assertThat(env.hub().postJson("/webhooks/spoki", Webhooks.spokiInbound("+393331112222", "hello")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aSignatureOlderThanFiveMinutesIs401() throws Exception {
        String body = Webhooks.spokiInbound("+393331112222", "hello");
        String stale = Webhooks.spokiSignature(TestHub.SPOKI_SECRET, body, Instant.now().getEpochSecond() - 301);

        assertThat(env.hub().postJson("/webhooks/spoki", body, "X-Spoki-Signature", stale).statusCode()).isEqualTo(401);
    }

    @Test
    void aBodyChangedAfterSigningIs401() throws Exception {
        String body = Webhooks.spokiInbound("+393331112222", "hello");
        String signature = Webhooks.spokiSignature(body);

        assertThat(env.hub().postJson("/webhooks/spoki", body.replace("hello", "hullo"), "X-Spoki-Signature", signature)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aForgedWhatsAppSignatureIs401() throws Exception {
        String body = Webhooks.whatsappInbound("wamid.X", "393331112222", "Mario", "ciao");

        assertThat(env.hub().postJson("/webhooks/whatsapp", body, "X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        String body = "{\"event\":\"message.inbound\",\"data\":{";

        HttpResponse<String> answer = env.hub().postSpoki(body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"error\":\"malformed_json\"");
    }

    @Test
    void aMessageWithoutSenderIs400() throws Exception {
        String body = "{\"version\":2,\"event\":\"message.inbound\",\"event_uuid\":\"e\",\"data\":{\"uuid\":\"m\",\"text\":\"hi\"}}";

        assertThat(env.hub().postSpoki(body).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aBodyOverOneMebibyteIs413() throws Exception {
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        Arrays.fill(twoMiB, (byte) 'a');
        String body = "{\"pad\":\"" + new String(twoMiB, StandardCharsets.US_ASCII) + "\"}";

        HttpResponse<String> answer = env.hub().postSpoki(body);

        assertThat(answer.statusCode()).isEqualTo(413);
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIs415() throws Exception {
        String body = Webhooks.spokiInbound("+393331112222", "hello");

        HttpResponse<String> answer = env.hub().post("/webhooks/spoki", "text/plain", body.getBytes(StandardCharsets.UTF_8),
                "X-Spoki-Signature", Webhooks.spokiSignature(body));

        assertThat(answer.statusCode()).isEqualTo(415);
    }

    @Test
    void anUnknownEventTypeIsAcknowledgedIgnoredAndCounted() throws Exception {
        String body = "{\"version\":2,\"event\":\"contact.created\",\"event_uuid\":\"ev-contact\",\"data\":{\"id\":5}}";

        assertThat(env.hub().postSpoki(body).statusCode())
                .isEqualTo(200);

        String metrics = env.hub().get("/metrics", "X-API-Key", TestHub.API_KEY).body();
        assertThat(metrics).containsPattern(
                "concierge_webhook_events_ignored_total\\{provider=\"spoki\",type=\"contact.created\"\\} 1.0");
    }
}
