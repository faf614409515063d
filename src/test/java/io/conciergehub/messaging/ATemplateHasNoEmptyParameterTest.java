package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.messaging.provider.WhatsAppCloudRequests;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Meta's Cloud API refuses a template message with an empty text parameter: a field the hub does
 * not know (a guest's name their channel did not send) goes as "-", the others as they are, in
 * their order.
 */
class AWhatsAppCloudTemplateHasNoEmptyParameterTest {

    @Test
    void anUnknownValueGoesAsADash() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("EVENT", "Yellow wind warning");
        fields.put("FROM", "10/06 11:00");
        fields.put("UNTIL", "");
        fields.put("GUEST_NAME", " ");
        OutboundMessage message = new OutboundMessage(1, 1, "+393331230000", null, "it", "weather_alert", fields, 1);

        JsonNode body = new ObjectMapper().valueToTree(new WhatsAppCloudRequests().build(message));

        assertThat(body.at("/template/components/0/parameters").findValuesAsText("text"))
                .containsExactly("Yellow wind warning", "10/06 11:00", "-", "-");
    }
}
