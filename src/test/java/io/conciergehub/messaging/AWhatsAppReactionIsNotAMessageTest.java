package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A guest's 👍 on one of the hub's WhatsApp messages, or taking it back, arrives as a message of
 * type "reaction". It is acknowledged and stored as nothing: no message, no answer, no flag for
 * staff as if the guest had sent a photo.
 */
class AWhatsAppReactionIsNotAMessageTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void aReactionIsAcknowledgedAndIgnored() throws Exception {
        String guestWrites = Webhooks.whatsappInbound("wamid.IN-R1", "393471230001", "Sara", "Ciao");
        assertThat(post(guestWrites).statusCode()).isEqualTo(200);
        long messages = env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in'");

        for (String emoji : new String[] {"👍", ""}) {
            String reaction = """
                    {"object":"whatsapp_business_account","entry":[{"id":"WABA-1","changes":[{"field":"messages","value":{
                      "messaging_product":"whatsapp",
                      "metadata":{"display_phone_number":"390612345678","phone_number_id":"106540352242922"},
                      "contacts":[{"profile":{"name":"Sara"},"wa_id":"393471230001"}],
                      "messages":[{"from":"393471230001","id":"wamid.R-%s","timestamp":"%d","type":"reaction",
                        "reaction":{"message_id":"wamid.OUT-1","emoji":"%s"}}]}}]}]}"""
                    .formatted(emoji.isEmpty() ? "removed" : "added", Instant.now().getEpochSecond(), emoji);

            assertThat(post(reaction).statusCode()).isEqualTo(200);
        }

        assertThat(env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in'")).isEqualTo(messages);
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE needs_attention = 1")).isZero();
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return env.hub().postJson("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.whatsappSignature(body));
    }
}
