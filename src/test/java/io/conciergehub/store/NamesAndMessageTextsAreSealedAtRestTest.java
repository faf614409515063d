package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.GuestNames;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.StoredText;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A guest's name, their message and the hub's answer are nowhere in clear in the database, while
 * the concierge, the provider and the API still see them as the guest wrote them.
 */
class NamesAndMessageTextsAreSealedAtRestTest {

    static final String NAME = "Annegret Vogelsang";
    static final String QUESTION = "Wann kann ich einchecken? Wir kommen am Abend an.";
    static final String PHONE = "+491701234567";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void aGuestsNameQuestionAndAnswerAreStoredOnlyEncrypted() throws Exception {
        TestHub hub = env.hub();
        String body = Webhooks.whatsappInbound("wamid.SEALED-1", PHONE.substring(1), NAME, QUESTION);

        HttpResponse<String> ack = hub.postJson("/webhooks/whatsapp", body,
                "X-Hub-Signature-256", Webhooks.whatsappSignature(body));

        assertThat(ack.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !OutboundLog.to(hub, PHONE).isEmpty());
        JsonNode answer = OutboundLog.to(hub, PHONE).get(0);
        assertThat(answer.path("language").asText()).as("the concierge read the question").isEqualTo("de");
        assertThat(answer.path("text").asText()).startsWith("Der Check-in ist ab");
        for (String clear : List.of(NAME, QUESTION, answer.path("text").asText())) {
            assertThat(StoredText.columnsContaining(hub.dataDir().resolve("hub.db"), clear)).as(clear).isEmpty();
        }
        assertThat(GuestNames.of(hub, PHONE)).as("the API shows the name").isEqualTo(NAME);
    }
}
