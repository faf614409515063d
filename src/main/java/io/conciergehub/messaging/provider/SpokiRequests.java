package io.conciergehub.messaging.provider;

import io.conciergehub.messaging.OutboundMessage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Body;

/** Body of Spoki's {@code POST /messages/send/}: free text, or a template when the window is closed. */
public final class SpokiRequests {

    public Map<String, Object> build(@Body OutboundMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", message.phone());
        if (message.isTemplate()) {
            body.put("type", "Template");
            body.put("template", Long.parseLong(message.templateName()));
            body.put("language", message.language().toUpperCase(Locale.ROOT));
            body.put("custom_fields", message.templateParameters());
        } else {
            body.put("type", "Message");
            body.put("content_type", "Text");
            body.put("text", message.text());
        }
        body.put("metadata", Map.of("outbox_id", String.valueOf(message.outboxId())));
        return body;
    }
}
