package io.conciergehub.messaging;

/**
 * A message about to be sent. {@code templateName} is set when the guest's 24-hour window has
 * closed and the configured template must be sent instead of free text.
 */
public record OutboundMessage(long outboxId, long messageId, String phone, String text, String language,
        String templateName) {

    public boolean isTemplate() {
        return templateName != null;
    }
}
