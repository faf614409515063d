package io.conciergehub.messaging;

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
}
