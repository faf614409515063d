package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spoki re-sends message.outbound on every status change, in any order. */
class StatusCallbacksTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki();

    /** Makes the hub answer a guest and returns the provider id of that answer. */
    private static String answeredMessageId(String phone) throws Exception {
        String question = Webhooks.spokiInbound(phone, "What time is check-out?");
        env.hub().postSpoki(question);
        String sql = "SELECT m.provider_message_id FROM messages m JOIN messages q ON q.id = m.in_reply_to"
                + " WHERE m.direction = 'out' AND m.status = 'sent' AND q.provider_message_id = '"
                + question.replaceAll("(?s).*\"uuid\":\"([^\"]+)\".*", "$1") + "'";
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().text(sql) != null);
        return env.hub().text(sql);
    }

    private static void callback(String providerMessageId, String status) throws Exception {
        String body = Webhooks.spokiStatus("ev-" + UUID.randomUUID(), providerMessageId, status);
        assertThat(env.hub().postSpoki(body)
                .statusCode()).isEqualTo(200);
    }

    private static String status(String providerMessageId) throws Exception {
        return env.hub().text("SELECT status FROM messages WHERE provider_message_id = '" + providerMessageId + "'");
    }

    @Test
    void statusesMoveForwardAndNeverBack() throws Exception {
        String id = answeredMessageId("+393330000010");

        callback(id, "Delivered");
        assertThat(status(id)).isEqualTo("delivered");
        callback(id, "Sent"); // late, out of order
        assertThat(status(id)).isEqualTo("delivered");
        callback(id, "Read");
        assertThat(status(id)).isEqualTo("read");
        callback(id, "Delivered");
        callback(id, "Error");
        assertThat(status(id)).isEqualTo("read");
    }

    @Test
    void aFailedStatusIsRecorded() throws Exception {
        String id = answeredMessageId("+393330000011");

        callback(id, "Error");

        assertThat(status(id)).isEqualTo("failed");
    }

    @Test
    void statusCallbacksNeverTriggerAnAnswer() throws Exception {
        String id = answeredMessageId("+393330000012");
        long inboundBefore = env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in'");
        int sendsBefore = env.spoki().sends().size();

        for (String status : new String[] {"Sent", "Delivered", "Read"}) {
            callback(id, status);
        }

        assertThat(env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in'")).isEqualTo(inboundBefore);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> env.spoki().sends().size() == sendsBefore);
    }
}
