package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A SEND_MESSAGE with no language, to a guest whose language nobody told, goes in concierge.default-language (not English). */
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
}
