package io.conciergehub.messaging.provider;

import io.conciergehub.messaging.OutboundMessage;
import java.util.LinkedHashMap;
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
            body.put("template", Map.of("name", message.templateName(), "language", Map.of("code", message.language())));
        } else {
            body.put("type", "text");
            body.put("text", Map.of("preview_url", false, "body", message.text()));
        }
        return body;
    }
}
