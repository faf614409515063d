package io.conciergehub.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message about to be sent. {@code templateName} is set when a template was asked for
 * (SEND_MESSAGE with a template) or when the guest's 24-hour window has closed and the configured
 * template must be sent instead of free text; {@code templateFields} fill its placeholders.
 * {@code epoch} is the node's epoch its send started under (see failover): its redeliveries go only under it.
 */
public record OutboundMessage(long outboxId, long messageId, String phone, String text, String language,
        String templateName, Map<String, String> templateFields, long epoch) {

    public boolean isTemplate() {
        return templateName != null;
    }

    /**
     * The template's fields as a provider may send them, in their order. WhatsApp refuses the whole
     * message when a text parameter is empty ("(#100) Invalid parameter", as clients of Meta's API
     * report; Spoki passes its custom fields on to it), so a value the hub does not know (the name of
     * a guest whose channel sent none, the end of an alert the weather service left open) goes as a dash.
     */
    public Map<String, String> templateParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        templateFields.forEach((field, value) -> parameters.put(field, value == null || value.isBlank() ? "-" : value));
        return parameters;
    }
}
