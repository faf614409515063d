package io.conciergehub.messaging;

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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * README "Answers": WhatsApp allows free text only within 24 hours of the guest's last message. An
 * answer that would go out later is sent as the template in MESSAGING_WINDOW_TEMPLATE, or, without
 * one, held with status {@code held}. End to end: the guest's webhook, the concierge's answer, the
 * sender held up for 25 hours (by the hub's clock), then the provider.
 */
class AnAnswerThatWouldLeaveAfterTheWindowIsTheWindowTemplateOrHeldTest {

    private static final String PHONE = "+393350000881";

    /** The guest asks, the answer waits in the outbox while the clock moves 25 hours on, then the sender runs. */
    private static String answerAfterADay(TestHub hub, TestClock clock) throws Exception {
        hub.context().getRouteController().suspendRoute("outbox-dispatch");
        String id = "msg-" + UUID.randomUUID();
        String body = Webhooks.spokiInbound("ev-" + id, id, PHONE, "What time is check-out?");
        HttpResponse<String> answer = hub.postJson("/webhooks/spoki", body, "X-Spoki-Signature",
                Webhooks.spokiSignature(TestHub.SPOKI_SECRET, body, clock.instant().getEpochSecond()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String reply = "SELECT id FROM messages WHERE direction = 'out' AND in_reply_to = (SELECT id FROM messages"
                + " WHERE provider_message_id = '" + id + "')";
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.text(reply) != null);

        clock.advance(Duration.ofHours(25));
        hub.context().getRouteController().resumeRoute("outbox-dispatch");
        return hub.text(reply);
    }

    @Test
    void withAWindowTemplateTheTemplateGoesInsteadOfTheText() throws Exception {
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
        try (SpokiStub spoki = new SpokiStub();
             TestHub hub = spoki.configure(TestHub.builder()).clock(clock)
                     .property("messaging.window-template", "4711").start()) {
            String reply = answerAfterADay(hub, clock);

            await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(hub.text("SELECT status FROM messages"
                    + " WHERE id = " + reply)));
            List<JsonNode> sent = spoki.sentBodies();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).path("type").asText()).isEqualTo("Template");
            assertThat(sent.get(0).path("template").asLong()).isEqualTo(4711L);
            assertThat(sent.get(0).has("text")).as("no free text outside the window").isFalse();
        }
    }

    @Test
    void withoutAWindowTemplateTheAnswerIsHeldAndNothingGoesOut() throws Exception {
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
        try (SpokiStub spoki = new SpokiStub(); TestHub hub = spoki.configure(TestHub.builder()).clock(clock).start()) {
            String reply = answerAfterADay(hub, clock);

            await().atMost(Duration.ofSeconds(10)).until(() -> "held".equals(hub.text("SELECT status FROM messages"
                    + " WHERE id = " + reply)));
            assertThat(hub.text("SELECT state FROM outbox WHERE message_id = " + reply)).isEqualTo("held");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> spoki.sends().isEmpty());
        }
    }
}
