package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * docs/mesh.md: SEND_MESSAGE with a template goes out even when the guest's 24-hour window is closed;
 * free text to a guest who last wrote more than 24 hours ago is held ({@code window-closed}).
 * The guest did write (through the webhook) — 25 hours before the commands, by the hub's clock.
 */
class ACommandedMessageToAGuestWhoWroteADayAgoIsHeldUnlessItIsATemplateTest {

    private static final String PHONE = "+393350000882";

    private static JsonNode finished(TestHub hub, String id) throws Exception {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Commands.status(hub, id).path("status").asText().matches("queued|running"));
        return Commands.status(hub, id);
    }

    @Test
    void freeTextIsHeldWithWindowClosedAndATemplateIsSent() throws Exception {
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
        try (SpokiStub spoki = new SpokiStub(); TestHub hub = spoki.configure(TestHub.builder()).clock(clock).start()) {
            String body = Webhooks.spokiInbound(PHONE, "What time is check-out?");
            HttpResponse<String> inbound = hub.postJson("/webhooks/spoki", body, "X-Spoki-Signature",
                    Webhooks.spokiSignature(TestHub.SPOKI_SECRET, body, clock.instant().getEpochSecond()));
            assertThat(inbound.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo(PHONE) == 1); // the answer
            clock.advance(Duration.ofHours(25));

            JsonNode text = finished(hub, Commands.submit(hub, "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\""
                    + PHONE + "\",\"message\":\"La sua camera è pronta.\"}}"));
            JsonNode template = finished(hub, Commands.submit(hub, "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\""
                    + PHONE + "\",\"template\":\"4711\",\"language\":\"it\"}}"));

            assertThat(text.path("status").asText()).isEqualTo("held");
            assertThat(text.path("messages").get(0).path("reason").asText()).isEqualTo("window-closed");
            assertThat(template.path("status").asText()).isEqualTo("succeeded");
            assertThat(template.path("messages").get(0).path("status").asText()).isEqualTo("sent");
            assertThat(spoki.sentTo(PHONE)).as("the answer and the template, not the free text").isEqualTo(2);
            assertThat(spoki.sentBodies().get(1).path("type").asText()).isEqualTo("Template");
        }
    }
}
