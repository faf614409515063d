package io.conciergehub.failover;

import static io.conciergehub.support.Conversations.backdate;
import static io.conciergehub.support.Conversations.guestAsks;
import static io.conciergehub.support.Conversations.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.InProcessPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What retention deletes on the active node reaches the standby through the change log. */
class DeletedOldMessagesAreDeletedOnTheStandbyTooTest {

    @Test
    void theStandbyDeletesTheMessagesThePrimaryDeleted() throws Exception {
        try (InProcessPair pair = InProcessPair.withOneKey(primary -> primary
                .property("privacy.message-retention", "1h").property("privacy.retention-interval", "200ms")).awaitPaired()) {
            long old = guestAsks(pair.primary(), "+393335550021", "What is the wifi password?");
            long recent = guestAsks(pair.primary(), "+393335550022", "What time is breakfast?");
            await().atMost(Duration.ofSeconds(10)).until(() -> messagesOf(pair.standby(), recent) == 2);

            backdate(pair.primary(), old, Duration.ofHours(2));

            await().atMost(Duration.ofSeconds(10)).until(() -> messagesOf(pair.standby(), old) == 0);
            assertThat(messagesOf(pair.primary(), old)).isZero();
            assertThat(pair.standby().count("SELECT COUNT(*) FROM outbox WHERE guest_id = " + old)).isZero();
            assertThat(messagesOf(pair.standby(), recent)).as("question and answer").isEqualTo(2);
        }
    }
}
