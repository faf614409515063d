package io.conciergehub.support;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook bodies and signatures shaped as Spoki and Meta send them (shared/reference/apis.md).
 * The signing is written out here, independently of the hub's verifier, from the documented scheme.
 */
public final class Webhooks {

    private Webhooks() {
    }

    public static String spokiInbound(String eventUuid, String messageUuid, String phone, String text) {
        return """
                {"version":2,"event":"message.inbound","event_uuid":"%s","timestamp":%d,
                 "data":{"uuid":"%s","from_phone":"%s","text":%s,"payload":null,
                         "created_at":"2026-09-10T08:00:00Z","contact":{"id":123,"phone":"%s"},"chat_uuid":"c-1"}}"""
                .formatted(eventUuid, Instant.now().getEpochSecond(), messageUuid, phone, quote(text), phone);
    }

    public static String spokiInbound(String phone, String text) {
        String id = UUID.randomUUID().toString();
        return spokiInbound("ev-" + id, "msg-" + id, phone, text);
    }

    public static String spokiStatus(String eventUuid, String messageUuid, String sendStatus) {
        return """
                {"version":2,"event":"message.outbound","event_uuid":"%s","timestamp":%d,
                 "data":{"uuid":"%s","send_status":"%s","to_phone":"+393331234567",
                         "sent_datetime":"2026-09-10T08:00:05Z"}}"""
                .formatted(eventUuid, Instant.now().getEpochSecond(), messageUuid, sendStatus);
    }

    /** {@code X-Spoki-Signature: t=<unix>,v2=<hex HMAC-SHA256(secret, t + "." + body)>}. */
    public static String spokiSignature(String secret, String body, long unixSeconds) {
        String v2 = hmacHex(secret, unixSeconds + "." + body);
        return "t=" + unixSeconds + ",v2=" + v2;
    }

    public static String spokiSignature(String body) {
        return spokiSignature(TestHub.SPOKI_SECRET, body, Instant.now().getEpochSecond());
    }

    /** The guest writes on Spoki now, by {@code clock}: a signed webhook the hub must accept (their 24-hour window opens). */
    public static void guestWritesOnSpoki(TestHub hub, Clock clock, String phone, String text) throws Exception {
        String body = spokiInbound(phone, text);
        HttpResponse<String> answer = hub.postJson("/webhooks/spoki", body, "X-Spoki-Signature",
                spokiSignature(TestHub.SPOKI_SECRET, body, clock.instant().getEpochSecond()));
        if (answer.statusCode() != 200) {
            throw new AssertionError("the hub refused the guest's message: " + answer.statusCode() + " " + answer.body());
        }
    }

    public static String whatsappInbound(String messageId, String fromDigits, String name, String text) {
        return whatsappInbound(messageId, fromDigits, name, text, Instant.now());
    }

    /** A text the guest sent at {@code sentAt} (Meta's {@code timestamp}), delivered now: a retried delivery. */
    public static String whatsappInbound(String messageId, String fromDigits, String name, String text, Instant sentAt) {
        return whatsappMessage(messageId, fromDigits, name, "text", "{\"body\":" + quote(text) + "}", sentAt);
    }

    /**
     * A photo, video or document ({@code type} {@code image}, {@code video}, {@code document}) as
     * Meta sends it: the media's id, and the {@code caption} the guest wrote under it (null: none).
     */
    public static String whatsappMedia(String messageId, String fromDigits, String name, String type, String caption) {
        String mimeType = switch (type) {
            case "video" -> "video/mp4";
            case "document" -> "application/pdf";
            default -> "image/jpeg";
        };
        return whatsappMessage(messageId, fromDigits, name, type, "{\"mime_type\":\"" + mimeType + "\",\"sha256\":\"c2hh\","
                + "\"id\":\"1234567890\"" + (caption == null ? "" : ",\"caption\":" + quote(caption)) + "}", Instant.now());
    }

    /** One inbound message of {@code type}, whose {@code type} object is {@code content}, sent at {@code sentAt}. */
    private static String whatsappMessage(String messageId, String fromDigits, String name, String type, String content,
            Instant sentAt) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA-1","changes":[{"field":"messages","value":{
                  "messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"390612345678","phone_number_id":"106540352242922"},
                  "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                  "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"%s","%s":%s}]}}]}]}"""
                .formatted(name, fromDigits, fromDigits, messageId, sentAt.getEpochSecond(), type, type, content);
    }

    /** A WhatsApp Cloud status update of the message {@code wamid} ({@code sent}, {@code delivered}, {@code read}, {@code failed}). */
    public static String whatsappStatus(String wamid, String recipientDigits, String status) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA-1","changes":[{"field":"messages","value":{
                  "messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"390612345678","phone_number_id":"106540352242922"},
                  "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"}]}}]}]}"""
                .formatted(wamid, status, Instant.now().getEpochSecond(), recipientDigits);
    }

    public static String whatsappSignature(String body) {
        return "sha256=" + hmacHex(TestHub.WHATSAPP_APP_SECRET, body);
    }

    private static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
