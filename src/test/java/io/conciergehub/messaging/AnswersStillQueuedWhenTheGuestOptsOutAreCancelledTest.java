package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.Conversations;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers that are still in the outbox when their guest writes STOP are cancelled, not sent: the
 * guest gets the opt-out confirmation and nothing else (docs/foundation.md: {@code cancelled}, guest opted out).
 */
class AnswersStillQueuedWhenTheGuestOptsOutAreCancelledTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    private static long guestOf(String providerMessageId) throws Exception {
        return env.hub().count("SELECT guest_id FROM messages WHERE provider_message_id = '" + providerMessageId + "'");
    }

    @Test
    void queuedAnswersAreCancelledAndOnlyTheConfirmationGoesOut() throws Exception {
        String phone = "+393350000772";
        // The sender is held (as PAUSE_WORKERS holds it), so the answers wait in the outbox.
        env.hub().context().getRouteController().suspendRoute("outbox-dispatch");
        String first = Conversations.guestWrites(env.hub(), phone, "What time is check-out?");
        Conversations.guestWrites(env.hub(), phone, "Is there parking?");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM outbox"
                + " WHERE state = 'queued' AND guest_id = " + guestOf(first)) == 2);

        Conversations.guestWrites(env.hub(), phone, "STOP");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT opted_out FROM guests WHERE id = "
                + guestOf(first)) == 1);
        env.hub().context().getRouteController().resumeRoute("outbox-dispatch");

        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM outbox WHERE guest_id = "
                + guestOf(first) + " AND state = 'cancelled'") == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundLog.to(env.hub(), phone).size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> OutboundLog.to(env.hub(), phone).size() == 1);
        assertThat(OutboundLog.to(env.hub(), phone).get(0).path("text").asText())
                .startsWith("You will not receive any more messages");
        assertThat(env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status = 'sent'"
                + " AND guest_id = " + guestOf(first))).isEqualTo(1);
    }
}
