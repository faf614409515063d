package io.conciergehub.messaging;

/**
 * One event out of a provider webhook, normalised across providers.
 *
 * @param idempotencyKey unique per delivery of this event; a provider's retry carries the same key
 * @param kind           what the hub does with it
 * @param phone          guest phone, E.164 (messages only)
 * @param status         new delivery status of an outbound message (statuses only)
 * @param answered       a guest message another node already answered (relayed after a partition):
 *                       stored for the record, not answered again
 * @param contactLanguage the language the provider knows the contact by ("it"), null when it sends none
 * @param maybeSentAnswer of an answered message, the answer the relaying node was sending when it stopped
 *                       (the provider may or may not have it): recorded as a dead letter for staff, never
 *                       sent again; null otherwise
 * @param sentAt         when the guest sent the message by the provider's clock, epoch milliseconds (WhatsApp
 *                       Cloud's {@code timestamp}); null when it says nothing. A delivery retried for hours
 *                       opened the guest's 24-hour window then, not at its receipt
 */
public record WebhookEvent(String provider, Kind kind, String idempotencyKey, String providerMessageId,
        String phone, String name, String text, MessageStatus status, String type, boolean answered,
        String contactLanguage, Answer maybeSentAnswer, Long sentAt) {

    public enum Kind { MESSAGE, STATUS, IGNORED }

    /** An answer's words and what the concierge made of the message it answers. */
    public record Answer(String text, String language, String intent) {
    }

    public static WebhookEvent message(String provider, String key, String id, String phone, String name, String text) {
        return new WebhookEvent(provider, Kind.MESSAGE, key, id, phone, name, text, null, "message", false, null, null, null);
    }

    /** The same message from a contact the provider knows the language of. */
    public WebhookEvent withContactLanguage(String language) {
        return new WebhookEvent(provider, kind, idempotencyKey, providerMessageId, phone, name, text, status, type,
                answered, language, maybeSentAnswer, sentAt);
    }

    /** The same message, sent by the guest at {@code at} (epoch milliseconds) by the provider's clock. */
    public WebhookEvent withSentAt(Long at) {
        return new WebhookEvent(provider, kind, idempotencyKey, providerMessageId, phone, name, text, status, type,
                answered, contactLanguage, maybeSentAnswer, at);
    }

    /** The same message, already answered by the node that relays it. */
    public WebhookEvent asAnswered() {
        return new WebhookEvent(provider, kind, idempotencyKey, providerMessageId, phone, name, text, status, type, true,
                contactLanguage, null, sentAt);
    }

    /** The same message, whose answer the relaying node had handed to the provider when it stopped. */
    public WebhookEvent asMaybeAnswered(Answer answer) {
        return new WebhookEvent(provider, kind, idempotencyKey, providerMessageId, phone, name, text, status, type, true,
                contactLanguage, answer, sentAt);
    }

    public static WebhookEvent status(String provider, String key, String id, MessageStatus status) {
        return new WebhookEvent(provider, Kind.STATUS, key, id, null, null, null, status, "status", false, null, null, null);
    }

    public static WebhookEvent ignored(String provider, String key, String type) {
        return new WebhookEvent(provider, Kind.IGNORED, key, null, null, null, null, null, type, false, null, null, null);
    }
}
