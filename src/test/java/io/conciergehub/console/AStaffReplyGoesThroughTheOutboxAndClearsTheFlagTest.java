package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A staff member's reply to a flagged guest is queued in the outbox (202), reaches the provider
 * and shows as sent, then as delivered once the provider's status callback says so; it names its
 * sender, clears the guest's flag, takes the conversation for the sender and is audited.
 */
class AStaffReplyGoesThroughTheOutboxAndClearsTheFlagTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki();

    @Test
    void theReplyIsSentDeliveredAndTheFlagCleared() throws Exception {
        String phone = "+393351230001";
        long guestId = InboxGuests.writes(env.hub(), phone, InboxGuests.SPEAK_TO_SOMEONE);
        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");
        assertThat(InboxGuests.conversation(anna, guestId).path("guest").path("needsStaff").asBoolean()).isTrue();
        long sentBefore = env.spoki().sentTo(phone);

        HttpResponse<String> reply = InboxGuests.reply(anna, guestId, "{\"text\":\"Hello, this is Anna at reception\"}");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        JsonNode queued = ConsoleBrowser.json(reply);
        assertThat(queued.path("state").asText()).isEqualTo("queued");
        long messageId = queued.path("messageId").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sentTo(phone) == sentBefore + 1);
        assertThat(env.spoki().textsTo(phone)).last().isEqualTo("Hello, this is Anna at reception");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(state(anna, guestId, messageId)));

        String providerId = env.hub().text("SELECT provider_message_id FROM messages WHERE id = " + messageId);
        assertThat(env.hub().postSpoki(Webhooks.spokiStatus("ev-" + providerId, providerId, "DELIVERED")).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(state(anna, guestId, messageId)));

        JsonNode conversation = InboxGuests.conversation(anna, guestId);
        assertThat(InboxGuests.last(conversation).path("sentBy").asText()).isEqualTo("staff:anna");
        assertThat(conversation.path("guest").path("needsStaff").asBoolean()).isFalse();
        assertThat(conversation.path("guest").path("reason").isNull()).isTrue();
        assertThat(conversation.path("guest").path("takenBy").asText()).isEqualTo("staff:anna");
        assertThat(env.hub().text("SELECT key_id || ' ' || action || ' ' || reference || ' ' || outcome FROM audit"
                + " WHERE action LIKE 'console.inbox.%'")).isEqualTo("staff:anna console.inbox.reply guest:" + guestId
                + " queued:message:" + messageId + ":flag-cleared");
        assertThat(env.hub().text("SELECT purpose FROM outbox WHERE message_id = " + messageId)).isEqualTo("staff");
    }

    private static String state(ConsoleBrowser browser, long guestId, long messageId) throws Exception {
        for (JsonNode message : InboxGuests.conversation(browser, guestId).path("messages")) {
            if (message.path("id").asLong() == messageId) {
                return message.path("state").asText();
            }
        }
        return null;
    }
}
