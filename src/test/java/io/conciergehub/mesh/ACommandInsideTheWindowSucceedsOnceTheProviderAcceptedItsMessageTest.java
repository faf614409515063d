package io.conciergehub.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A SEND_MESSAGE to a guest who wrote today runs until the provider has accepted its message, then
 * succeeds with the message {@code sent}; the provider's status callbacks then show it delivered
 * and read.
 */
class ACommandInsideTheWindowSucceedsOnceTheProviderAcceptedItsMessageTest {

    private static final String PHONE = "+393351117002";
    private static final String PROVIDER_ID = "out-room-ready";

    // Spoki takes two seconds to accept the command's message: long enough to look at the command meanwhile.
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(stub -> stub.server().stubFor(post(urlEqualTo(SpokiStub.SEND_PATH))
            .withRequestBody(containing("camera")).willReturn(aResponse().withStatus(200).withFixedDelay(2000)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"accepted\":true,\"id\":4242,\"uuid\":\"" + PROVIDER_ID + "\"}"))), hub -> hub);

    @Test
    void theCommandRunsWhileTheProviderHasTheMessageThenSucceedsWithItSentThenDeliveredAndRead() throws Exception {
        env.hub().postSpoki(Webhooks.spokiInbound(PHONE, "Ciao")); // the guest wrote: the window is open
        await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sentTo(PHONE) == 1);

        String id = Commands.submit(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + PHONE
                + "\",\"message\":\"La sua camera è pronta.\"}}");

        await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sentTo(PHONE) == 2);
        JsonNode atTheProvider = Commands.status(env.hub(), id);
        assertThat(atTheProvider.path("status").asText()).isEqualTo("running");
        assertThat(message(atTheProvider).path("status").asText()).isEqualTo("queued");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> Commands.status(env.hub(), id).path("status").asText().equals("succeeded"));
        assertThat(message(Commands.status(env.hub(), id)).path("status").asText()).isEqualTo("sent");
        assertThat(message(Commands.status(env.hub(), id)).has("reason")).isFalse();

        statusCallback("Delivered");
        assertThat(message(Commands.status(env.hub(), id)).path("status").asText()).isEqualTo("delivered");
        statusCallback("Read");
        JsonNode read = Commands.status(env.hub(), id);
        assertThat(read.path("status").asText()).isEqualTo("succeeded");
        assertThat(message(read).path("status").asText()).isEqualTo("read");
    }

    private static JsonNode message(JsonNode command) {
        assertThat(command.path("messages")).hasSize(1);
        return command.path("messages").get(0);
    }

    private static void statusCallback(String status) throws Exception {
        assertThat(env.hub().postSpoki(Webhooks.spokiStatus("ev-" + UUID.randomUUID(), PROVIDER_ID, status))
                .statusCode()).isEqualTo(200);
    }
}
