package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A conversation shows the guest's messages and the answers decrypted (they are sealed in the
 * database), oldest first, each answer with its state and who wrote it; a message held because
 * the guest's 24-hour window had closed says so, and the guest's window shows as closed.
 */
class AConversationShowsEachAnswersStateDecryptedTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void messagesAreDecryptedWithTheirStates() throws Exception {
        String phone = "+393351220001";
        long guestId = InboxGuests.writes(env.hub(), phone, InboxGuests.WIFI);
        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(
                InboxGuests.last(InboxGuests.conversation(anna, guestId)).path("state").asText()));

        JsonNode open = InboxGuests.conversation(anna, guestId);
        assertThat(open.path("guest").path("guestId").asLong()).isEqualTo(guestId);
        assertThat(Instant.parse(open.path("guest").path("windowOpenUntil").asText())).isAfter(Instant.now());
        assertThat(open.path("bookings").isArray()).isTrue();
        assertThat(open.path("journey").isArray()).isTrue();
        JsonNode question = open.path("messages").get(0);
        assertThat(question.path("direction").asText()).isEqualTo("in");
        assertThat(question.path("text").asText()).isEqualTo(InboxGuests.WIFI);
        assertThat(question.path("state").asText()).isEqualTo("received");
        assertThat(question.path("sentBy").isNull()).isTrue();
        JsonNode answer = open.path("messages").get(1);
        assertThat(answer.path("direction").asText()).isEqualTo("out");
        assertThat(answer.path("sentBy").asText()).isEqualTo("hub");
        assertThat(answer.path("reason").isNull()).isTrue();
        assertThat(env.hub().text("SELECT body FROM messages WHERE id = " + answer.path("id").asLong()))
                .as("sealed at rest").startsWith("enc1:").isNotEqualTo(answer.path("text").asText());

        env.hub().update("UPDATE guests SET last_inbound_at = last_inbound_at - " + Duration.ofHours(25).toMillis()
                + " WHERE id = " + guestId);
        assertThat(env.hub().postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"SEND_MESSAGE\",\"payload\":"
                + "{\"phone\":\"" + phone + "\",\"message\":\"Your room is ready\"}}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> "held".equals(
                InboxGuests.last(InboxGuests.conversation(anna, guestId)).path("state").asText()));

        JsonNode closed = InboxGuests.conversation(anna, guestId);
        assertThat(closed.path("guest").path("windowOpenUntil").isNull()).isTrue();
        JsonNode held = InboxGuests.last(closed);
        assertThat(held.path("text").asText()).isEqualTo("Your room is ready");
        assertThat(held.path("reason").asText()).isEqualTo("window-closed");
        assertThat(anna.get("/api/console/conversations/999999").statusCode()).isEqualTo(404);
    }
}
