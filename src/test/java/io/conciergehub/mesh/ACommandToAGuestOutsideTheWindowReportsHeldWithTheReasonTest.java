package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Free text may reach a guest only within 24 hours of the guest's last message. A SEND_MESSAGE
 * outside that window does not report {@code succeeded}: its message is held, and the command says
 * so and why.
 */
class ACommandToAGuestOutsideTheWindowReportsHeldWithTheReasonTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void freeTextToAGuestWhoHasNotWrittenIsHeldBecauseTheWindowIsClosed() throws Exception {
        String phone = "+393351117001"; // never wrote: no window is open

        String id = Commands.submit(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone
                + "\",\"message\":\"La sua camera è pronta.\"}}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Commands.status(env.hub(), id).path("status").asText().matches("queued|running"));
        JsonNode command = Commands.status(env.hub(), id);
        assertThat(command.path("status").asText()).isEqualTo("held");
        assertThat(command.path("messages")).hasSize(1);
        assertThat(command.path("messages").get(0).path("status").asText()).isEqualTo("held");
        assertThat(command.path("messages").get(0).path("reason").asText()).isEqualTo("window-closed");
        assertThat(OutboundLog.to(env.hub(), phone)).isEmpty();
    }
}
