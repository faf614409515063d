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
 * SEND_BATCH_MESSAGES reports each message in the batch's order; one held message makes the whole
 * command {@code held}, though the others went out.
 */
class ABatchWithOneMessageHeldReportsHeldAndWhichOneTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void aTemplateGoesOutFreeTextToAGuestWhoNeverWroteIsHeldAndTheCommandIsHeld() throws Exception {
        String id = Commands.submit(env.hub(), "{\"action\":\"SEND_BATCH_MESSAGES\",\"payload\":{\"messages\":["
                + "{\"phone\":\"+393351117005\",\"template\":\"reminder\"},"
                + "{\"phone\":\"+393351117006\",\"message\":\"Il suo taxi è arrivato.\"}]}}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Commands.status(env.hub(), id).path("status").asText().matches("queued|running"));
        JsonNode command = Commands.status(env.hub(), id);
        assertThat(command.path("status").asText()).isEqualTo("held");
        assertThat(command.path("messages")).hasSize(2);
        assertThat(command.path("messages").get(0).path("status").asText()).isEqualTo("sent");
        assertThat(command.path("messages").get(1).path("status").asText()).isEqualTo("held");
        assertThat(command.path("messages").get(1).path("reason").asText()).isEqualTo("window-closed");
        assertThat(OutboundLog.to(env.hub(), "+393351117005")).hasSize(1);
    }
}
