package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message to a guest whose language nobody told goes in concierge.default-language (not
 * English): a SEND_MESSAGE with no language, and the confirmation of a "STOP", a word of every
 * language, which tells nothing of the guest's.
 */
class AMessageToAGuestOfUnknownLanguageGoesInTheHotelsDefaultLanguageTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("concierge.default-language", "de"));

    @Test
    void theTemplateGoesInTheDefaultLanguage() throws Exception {
        String phone = "+393357770099";
        assertThat(env.hub().postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"SEND_MESSAGE\",\"payload\":"
                + "{\"phone\":\"" + phone + "\",\"template\":\"welcome_1\"}}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> !OutboundLog.to(env.hub(), phone).isEmpty());
        assertThat(OutboundLog.to(env.hub(), phone).get(0).path("language").asText()).isEqualTo("de");
    }

    @Test
    void aStopIsConfirmedInTheDefaultLanguageAndLeavesTheGuestsLanguageUnknown() throws Exception {
        String phone = "+393357770098";
        String id = "msg-stop-" + phone;
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound("ev-" + id, id, phone, "STOP")).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> !OutboundLog.to(env.hub(), phone).isEmpty());
        assertThat(OutboundLog.to(env.hub(), phone).get(0).path("text").asText())
                .startsWith("Sie erhalten keine weiteren Nachrichten");
        assertThat(env.hub().text("SELECT g.language FROM guests g JOIN messages m ON m.guest_id = g.id"
                + " WHERE m.provider_message_id = '" + id + "'")).as("the guest's language").isNull();
    }
}
