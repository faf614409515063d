package io.conciergehub.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.TestHub;
import io.conciergehub.support.WhatsAppCloudStub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README: a message's status goes {@code sent}, then {@code delivered} and {@code read} from the
 * provider's status callbacks, or {@code failed} — for WhatsApp Cloud as for Spoki (StatusCallbacksTest):
 * Meta's {@code statuses[]} move the hub's message forward, never back.
 */
class WhatsAppStatusCallbacksMoveTheMessageForwardOnlyTest {

    static final String READER = "491701110001";
    static final String UNREACHABLE = "491701110002";

    static WhatsAppCloudStub meta;
    static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        meta = new WhatsAppCloudStub();
        for (String digits : new String[] {READER, UNREACHABLE}) {
            meta.server().stubFor(post(urlEqualTo(WhatsAppCloudStub.SEND_PATH)).withRequestBody(containing(digits))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + wamid(digits)
                                    + "\"}]}")));
        }
        hub = meta.configure(TestHub.builder()).start();
    }

    @AfterAll
    static void stop() {
        hub.close();
        meta.close();
    }

    static String wamid(String digits) {
        return "wamid.OUT-" + digits;
    }

    /** The guest asks; returns once the hub's answer was accepted by Meta (status sent). */
    static void answered(String digits) throws Exception {
        String body = Webhooks.whatsappInbound("wamid.IN-" + digits, digits, "Anna", "What time is check-out?");
        assertThat(hub.postJson("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.whatsappSignature(body))
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(digits)));
    }

    static void callback(String digits, String status) throws Exception {
        String body = Webhooks.whatsappStatus(wamid(digits), digits, status);
        assertThat(hub.postJson("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.whatsappSignature(body))
                .statusCode()).isEqualTo(200);
    }

    static String status(String digits) throws Exception {
        return hub.text("SELECT status FROM messages WHERE direction = 'out' AND provider_message_id = '"
                + wamid(digits) + "'");
    }

    @Test
    void deliveredThenReadAndALateDeliveredChangesNothing() throws Exception {
        answered(READER);

        callback(READER, "delivered");
        await().atMost(Duration.ofSeconds(5)).until(() -> "delivered".equals(status(READER)));
        callback(READER, "read");
        await().atMost(Duration.ofSeconds(5)).until(() -> "read".equals(status(READER)));
        callback(READER, "delivered");
        callback(READER, "sent");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> "read".equals(status(READER)));
    }

    @Test
    void aFailedStatusIsRecorded() throws Exception {
        answered(UNREACHABLE);

        callback(UNREACHABLE, "failed");

        await().atMost(Duration.ofSeconds(5)).until(() -> "failed".equals(status(UNREACHABLE)));
    }
}
