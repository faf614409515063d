package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A template message has no text of its own: the conversation names its template, so staff see what the guest got. */
class AConversationNamesTheTemplateOfATemplateMessageTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void theTemplatesNameIsInTheConversation() throws Exception {
        String phone = "+393357770111";
        env.hub().postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"SEND_MESSAGE\",\"payload\":"
                + "{\"phone\":\"" + phone + "\",\"template\":\"welcome_1\",\"language\":\"it\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> !OutboundLog.to(env.hub(), phone).isEmpty());

        long guestId = GuestConversations.guest(env.hub(), phone).path("id").asLong();
        JsonNode message = MeshJson.body(env.hub().getApi("/api/mesh/guests/" + guestId + "/messages", TestHub.API_KEY))
                .path("messages").get(0);
        assertThat(message.path("direction").asText()).isEqualTo("out");
        assertThat(message.path("template").asText()).isEqualTo("welcome_1");
    }
}
