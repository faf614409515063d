package io.conciergehub.messaging;

import static io.conciergehub.messaging.AnswersToOneGuestLeaveInArrivalOrderTest.ANSWERS;
import static io.conciergehub.messaging.AnswersToOneGuestLeaveInArrivalOrderTest.QUESTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The answers that queue for one guest while the per-recipient pacing holds the next send go out
 * with it as one message, in the order asked, separated by a blank line; every merged answer is
 * recorded as sent, and then delivered, with it.
 */
class AnswersQueuedWhilePacingHoldsThemGoAsOneMessageTest {

    @Test
    void threeAnswersQueuedBehindTheFirstGoOutTogetherInOrder() throws Exception {
        String phone = "+393337650003";
        try (SpokiStub spoki = new SpokiStub();
                TestHub hub = spoki.configure(TestHub.builder()).property("messaging.recipient-spacing", "2000ms")
                        .property("concierge.workers", "4").property("messaging.send-concurrency", "4").start()) {
            hub.postSpoki(Webhooks.spokiInbound(phone, QUESTIONS.get(0)));
            await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo(phone) == 1);

            // The next send to this guest may go only 2 s after the first: these three wait together.
            for (String question : QUESTIONS.subList(1, 4)) {
                assertThat(hub.postSpoki(Webhooks.spokiInbound(phone, question)).statusCode()).isEqualTo(200);
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo(phone) == 2);
            List<String> texts = spoki.textsTo(phone);
            assertThat(texts.get(0)).startsWith(ANSWERS.get(0));
            assertThat(texts.get(1).split("\n\n")).satisfiesExactly(
                    second -> assertThat(second).startsWith(ANSWERS.get(1)),
                    third -> assertThat(third).startsWith(ANSWERS.get(2)),
                    fourth -> assertThat(fourth).startsWith(ANSWERS.get(3)));
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.count("SELECT COUNT(*) FROM messages"
                    + " WHERE direction = 'out' AND status = 'sent'") == 4);
            assertThat(hub.count("SELECT COUNT(*) FROM outbox WHERE state = 'merged'")).isEqualTo(2);
            assertThat(spoki.sentTo(phone)).as("nothing sent again").isEqualTo(2);

            // The provider names the one message sent; its status is the merged answers' status too.
            String sentId = hub.text("SELECT m.provider_message_id FROM outbox o JOIN messages m ON m.id = o.message_id"
                    + " WHERE o.id = (SELECT merged_into FROM outbox WHERE state = 'merged' LIMIT 1)");
            hub.postSpoki(Webhooks.spokiStatus("ev-" + UUID.randomUUID(), sentId, "Delivered"));
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.count("SELECT COUNT(*) FROM messages"
                    + " WHERE direction = 'out' AND status = 'delivered'") == 3);
        }
    }
}
