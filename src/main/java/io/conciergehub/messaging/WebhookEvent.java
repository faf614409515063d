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
 */
public record WebhookEvent(String provider, Kind kind, String idempotencyKey, String providerMessageId,
        String phone, String name, String text, MessageStatus status, String type, boolean answered,
        String contactLanguage) {

    public enum Kind { MESSAGE, STATUS, IGNORED }

    public static WebhookEvent message(String provider, String key, String id, String phone, String name, String text) {
        return new WebhookEvent(provider, Kind.MESSAGE, key, id, phone, name, text, null, "message", false, null);
    }

    /** The same message from a contact the provider knows the language of. */
    public WebhookEvent withContactLanguage(String language) {
        return new WebhookEvent(provider, kind, idempotencyKey, providerMessageId, phone, name, text, status, type,
                answered, language);
    }

    /** The same message, already answered by the node that relays it. */
    public WebhookEvent asAnswered() {
        return new WebhookEvent(provider, kind, idempotencyKey, providerMessageId, phone, name, text, status, type, true,
                contactLanguage);
    }

    public static WebhookEvent status(String provider, String key, String id, MessageStatus status) {
        return new WebhookEvent(provider, Kind.STATUS, key, id, null, null, null, status, "status", false, null);
    }

    public static WebhookEvent ignored(String provider, String key, String type) {
        return new WebhookEvent(provider, Kind.IGNORED, key, null, null, null, null, null, type, false, null);
    }
}
