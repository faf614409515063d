package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new guest whose contact Spoki knows in French ({@code data.contact.language}) is answered in
 * French even when all they write is "Wifi?"; a language the knowledge lacks changes nothing.
 */
class TheProvidersContactLanguageIsTheGuestsTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void aShortMessageIsAnsweredInTheContactsLanguage() throws Exception {
        assertThat(answerTo("+393406667788", "FR").path("language").asText()).isEqualTo("fr");
        assertThat(answerTo("+393407778899", "pt_BR").path("text").asText()).as("no Portuguese answers: English")
                .startsWith("The Wi-Fi network");
    }

    private static JsonNode answerTo(String phone, String contactLanguage) throws Exception {
        String body = Webhooks.spokiInbound(phone, "Wifi?").replace("\"contact\":{", "\"contact\":{\"language\":\""
                + contactLanguage + "\",");
        assertThat(env.hub().postSpoki(body).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !OutboundLog.to(env.hub(), phone).isEmpty());
        List<JsonNode> answers = OutboundLog.to(env.hub(), phone);
        return answers.get(0);
    }
}
