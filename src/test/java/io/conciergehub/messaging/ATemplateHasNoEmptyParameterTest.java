package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.messaging.provider.SpokiRequests;
import io.conciergehub.messaging.provider.WhatsAppCloudRequests;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WhatsApp refuses a template message with an empty text parameter, whether it comes from Meta's
 * Cloud API directly or through Spoki's custom fields: a field the hub does not know (a guest's
 * name their channel did not send, the open end of an alert) goes as "-", the others as they are,
 * in their order.
 */
class ATemplateHasNoEmptyParameterTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static OutboundMessage weatherAlert(String template) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("EVENT", "Yellow wind warning");
        fields.put("FROM", "10/06 11:00");
        fields.put("UNTIL", "");
        fields.put("GUEST_NAME", " ");
        return new OutboundMessage(1, 1, "+393331230000", null, "it", template, fields, 1);
    }

    @Test
    void theCloudApiGetsADashForAnUnknownValue() {
        JsonNode body = JSON.valueToTree(new WhatsAppCloudRequests().build(weatherAlert("weather_alert")));

        assertThat(body.at("/template/components/0/parameters").findValuesAsText("text"))
                .containsExactly("Yellow wind warning", "10/06 11:00", "-", "-");
    }

    @Test
    void spokiGetsADashForAnUnknownValue() {
        JsonNode body = JSON.valueToTree(new SpokiRequests().build(weatherAlert("4711")));

        assertThat(JSON.convertValue(body.get("custom_fields"), Map.class)).containsExactly(
                Map.entry("EVENT", "Yellow wind warning"), Map.entry("FROM", "10/06 11:00"), Map.entry("UNTIL", "-"),
                Map.entry("GUEST_NAME", "-"));
    }
}
