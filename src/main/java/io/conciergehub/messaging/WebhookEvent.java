package io.conciergehub.messaging;

/**
 * One event out of a provider webhook, normalised across providers.
 *
 * @param idempotencyKey unique per delivery of this event; a provider's retry carries the same key
 * @param kind           what the hub does with it
 * @param phone          guest phone, E.164 (messages only)
 * @param status         new delivery status of an outbound message (statuses only)
 */
public record WebhookEvent(String provider, Kind kind, String idempotencyKey, String providerMessageId,
        String phone, String name, String text, MessageStatus status, String type) {

    public enum Kind { MESSAGE, STATUS, IGNORED }

    public static WebhookEvent message(String provider, String key, String id, String phone, String name, String text) {
        return new WebhookEvent(provider, Kind.MESSAGE, key, id, phone, name, text, null, "message");
    }

    public static WebhookEvent status(String provider, String key, String id, MessageStatus status) {
        return new WebhookEvent(provider, Kind.STATUS, key, id, null, null, null, status, "status");
    }

    public static WebhookEvent ignored(String provider, String key, String type) {
        return new WebhookEvent(provider, Kind.IGNORED, key, null, null, null, null, null, type);
    }
}
