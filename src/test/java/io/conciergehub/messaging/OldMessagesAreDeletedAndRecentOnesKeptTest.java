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
 * Messages older than privacy.message-retention are deleted with their outbox rows by the
 * scheduled route; a conversation inside the retention stays readable.
 */
class OldMessagesAreDeletedAndRecentOnesKeptTest {

    @Test
    void aConversationOlderThanTheRetentionIsDeletedAndARecentOneKept() throws Exception {
        try (TestHub hub = TestHub.builder().property("privacy.message-retention", "1h")
                .property("privacy.retention-interval", "200ms").start()) {
            long old = guestAsks(hub, "+393335550001", "What is the wifi password?");
            long recent = guestAsks(hub, "+393335550002", "What time is breakfast?");

            backdate(hub, old, Duration.ofHours(2));

            await().atMost(Duration.ofSeconds(10)).until(() -> messagesOf(hub, old) == 0);
            assertThat(hub.count("SELECT COUNT(*) FROM outbox WHERE guest_id = " + old)).isZero();
            assertThat(messagesOf(hub, recent)).as("question and answer").isEqualTo(2);
            assertThat(hub.count("SELECT COUNT(*) FROM outbox WHERE guest_id = " + recent)).isEqualTo(1);
        }
    }
}
