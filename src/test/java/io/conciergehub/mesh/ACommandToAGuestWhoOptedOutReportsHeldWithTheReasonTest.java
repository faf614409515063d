package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A guest who wrote STOP gets nothing more: a SEND_MESSAGE to them reports its message held because they opted out. */
class ACommandToAGuestWhoOptedOutReportsHeldWithTheReasonTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void aMessageToAGuestWhoWroteStopIsHeldBecauseTheyOptedOut() throws Exception {
        String phone = "+393351117004";
        env.hub().postSpoki(Webhooks.spokiInbound(phone, "STOP"));
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundLog.to(env.hub(), phone).size() == 1); // the confirmation

        String id = Commands.submit(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone
                + "\",\"template\":\"reminder\"}}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Commands.status(env.hub(), id).path("status").asText().matches("queued|running"));
        JsonNode command = Commands.status(env.hub(), id);
        assertThat(command.path("status").asText()).isEqualTo("held");
        assertThat(command.path("messages").get(0).path("status").asText()).isEqualTo("held");
        assertThat(command.path("messages").get(0).path("reason").asText()).isEqualTo("opted-out");
        assertThat(env.hub().text("SELECT status FROM messages WHERE id = " + command.path("messages").get(0).path("id")))
                .as("the message itself").isEqualTo("held");
        assertThat(OutboundLog.to(env.hub(), phone)).hasSize(1);
    }
}
