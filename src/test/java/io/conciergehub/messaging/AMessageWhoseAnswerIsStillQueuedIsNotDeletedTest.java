package io.conciergehub.messaging;

import static io.conciergehub.support.Conversations.backdate;
import static io.conciergehub.support.Conversations.guestAsks;
import static io.conciergehub.support.Conversations.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Retention never takes a message whose answer is still to be sent: the question and its queued
 * answer stay, while an equally old conversation that was answered goes.
 */
class AMessageWhoseAnswerIsStillQueuedIsNotDeletedTest {

    @Test
    void anOldQuestionWithItsAnswerStillQueuedIsKept() throws Exception {
        try (TestHub hub = TestHub.builder().property("privacy.message-retention", "1h")
                .property("privacy.retention-interval", "200ms").start()) {
            long waiting = guestAsks(hub, "+393335550011", "What is the wifi password?");
            long answered = guestAsks(hub, "+393335550012", "What time is breakfast?");
            guestAsks(hub, "+393335550013", "Is there parking?");
            // The answer back in the queue, due much later: as if the provider had asked to wait.
            hub.update("UPDATE outbox SET state = 'queued', next_attempt_at = 9999999999999 WHERE guest_id = " + waiting);

            backdate(hub, waiting, Duration.ofHours(2));
            backdate(hub, answered, Duration.ofHours(2));

            await().atMost(Duration.ofSeconds(10)).until(() -> messagesOf(hub, answered) == 0);
            assertThat(messagesOf(hub, waiting)).as("the question and its queued answer").isEqualTo(2);
            assertThat(hub.count("SELECT COUNT(*) FROM outbox WHERE state = 'queued' AND guest_id = " + waiting))
                    .isEqualTo(1);
        }
    }
}
