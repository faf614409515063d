package io.conciergehub.messaging.provider;

import io.conciergehub.messaging.OutboundMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;

/** Body of the Cloud API's {@code POST /{version}/{phone-number-id}/messages}. */
public final class WhatsAppCloudRequests {

    public Map<String, Object> build(@Body OutboundMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", message.phone().substring(1)); // digits, no '+'
        if (message.isTemplate()) {
            body.put("type", "template");
            Map<String, Object> template = new LinkedHashMap<>();
            template.put("name", message.templateName());
            template.put("language", Map.of("code", message.language()));
            if (!message.templateFields().isEmpty()) {
                // The Cloud API fills body placeholders by position: the fields in the order given.
                template.put("components", List.of(Map.of("type", "body", "parameters", message.templateParameters()
                        .values().stream().map(value -> Map.of("type", "text", "text", value)).toList())));
            }
            body.put("template", template);
        } else {
            body.put("type", "text");
            body.put("text", Map.of("preview_url", false, "body", message.text()));
        }
        return body;
    }
}
