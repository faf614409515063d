package io.conciergehub.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider refuses the command's message for good (a 400): the message becomes a dead letter
 * and the command reports {@code failed}, with the provider's error, not {@code succeeded}.
 */
class ACommandWhoseMessageIsRefusedReportsFailedTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            stub -> stub.answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody("{\"template\":[\"unknown template\"]}")),
            hub -> hub);

    @Test
    void aRefusedTemplateMakesTheCommandFailWithTheProvidersError() throws Exception {
        // A template may go out without an open window: only the provider's refusal stops it.
        String id = Commands.submit(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"+393351117003\","
                + "\"template\":\"4711\"}}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Commands.status(env.hub(), id).path("status").asText().matches("queued|running"));
        JsonNode command = Commands.status(env.hub(), id);
        assertThat(command.path("status").asText()).isEqualTo("failed");
        assertThat(command.path("messages")).hasSize(1);
        assertThat(command.path("messages").get(0).path("status").asText()).isEqualTo("failed");
        assertThat(command.path("messages").get(0).path("reason").asText()).contains("400").contains("unknown template");
    }
}
