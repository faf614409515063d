package io.conciergehub.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.guest.Phones;
import io.conciergehub.store.Hmac;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * Meta's WhatsApp Cloud API webhooks: the GET verification handshake, and POSTs signed with
 * {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>} that carry messages and
 * status updates under {@code entry[].changes[].value}.
 */
public final class WhatsAppWebhook {

    public static final String PROVIDER = "whatsapp";

    private final Hmac signature; // null: no app secret configured
    private final String verifyToken;
    private final ObjectMapper json;

    public WhatsAppWebhook(String appSecret, String verifyToken, ObjectMapper json) {
        this.signature = Signatures.webhookHmac(appSecret);
        this.verifyToken = verifyToken;
        this.json = json;
    }

    /** Answers Meta's subscription check with the challenge; 403 for a wrong token, 503 without one configured. */
    public String handshake(@Header("hub.mode") String mode, @Header("hub.verify_token") String token,
            @Header("hub.challenge") String challenge) {
        if (verifyToken == null || verifyToken.isBlank()) {
            throw new HttpProblem(503, "not_configured", "whatsapp.verify-token is not set");
        }
        boolean valid = "subscribe".equals(mode) && Signatures.sameSecret(verifyToken, token) && challenge != null;
        if (!valid) {
            throw new HttpProblem(403, "forbidden", "verification token does not match");
        }
        return challenge;
    }

    public void verify(@Body byte[] body, @Header("X-Hub-Signature-256") String header) {
        if (signature == null) {
            throw new HttpProblem(503, "not_configured", "whatsapp.app-secret is not set");
        }
        if (header == null || !header.startsWith("sha256=")) {
            throw HttpProblem.unauthorized("missing or malformed X-Hub-Signature-256");
        }
        if (!Signatures.sameHex(signature.of(body), header.substring("sha256=".length()))) {
            throw HttpProblem.unauthorized("signature does not match");
        }
    }

    public List<WebhookEvent> parse(@Body byte[] body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject() || !root.path("entry").isArray()) {
            throw HttpProblem.badRequest("body must be a WhatsApp notification with an entry array");
        }
        List<WebhookEvent> events = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                String name = value.path("contacts").path(0).path("profile").path("name").asText(null);
                for (JsonNode message : value.path("messages")) {
                    events.add(message(message, name));
                }
                for (JsonNode status : value.path("statuses")) {
                    events.add(status(status));
                }
                if (!value.has("messages") && !value.has("statuses")) {
                    events.add(WebhookEvent.ignored(PROVIDER, PROVIDER + ":" + change.path("field").asText("unknown")
                            + ":" + entry.path("id").asText(), change.path("field").asText("unknown")));
                }
            }
        }
        return events;
    }

    private WebhookEvent message(JsonNode message, String name) {
        String id = SpokiWebhook.text(message, "id", null);
        String from = SpokiWebhook.text(message, "from", null);
        if (id == null || from == null) {
            throw HttpProblem.badRequest("each message needs id and from");
        }
        String phone = Phones.normalize(from);
        if (phone == null) {
            throw HttpProblem.invalidField("messages[].from", "is not a phone number in international form");
        }
        if ("reaction".equals(message.path("type").asText(""))) {
            // A 👍 on one of the hub's messages (or taking it back) is not something the guest wrote.
            return WebhookEvent.ignored(PROVIDER, PROVIDER + ":" + id, "reaction");
        }
        String type = message.path("type").asText("");
        String text = switch (type) {
            case "text" -> message.path("text").path("body").asText("");
            case "interactive" -> message.path("interactive").path(
                    message.path("interactive").has("button_reply") ? "button_reply" : "list_reply").path("title").asText("");
            case "button" -> message.path("button").path("text").asText("");
            // What the guest wrote under a photo, a video or a document is read as their message.
            case "image", "video", "document" -> message.path(type).path("caption").asText("");
            // A voice note, a location, a sticker: no text, which the concierge leaves to staff.
            default -> "";
        };
        return WebhookEvent.message(PROVIDER, PROVIDER + ":" + id, id, phone, name, text)
                .withSentAt(sentAt(message.path("timestamp").asText("")));
    }

    /**
     * Meta's {@code timestamp}, a string of Unix seconds, in milliseconds; null when it is missing or
     * not a number (the message is taken all the same, as received now).
     */
    private static Long sentAt(String seconds) {
        try {
            return seconds.isEmpty() ? null : Math.multiplyExact(Long.parseLong(seconds), 1000L);
        } catch (NumberFormatException | ArithmeticException unreadable) {
            return null;
        }
    }

    private WebhookEvent status(JsonNode status) {
        String id = SpokiWebhook.text(status, "id", null);
        String value = status.path("status").asText("");
        MessageStatus parsed = switch (value) {
            case "sent" -> MessageStatus.SENT;
            case "delivered" -> MessageStatus.DELIVERED;
            case "read" -> MessageStatus.READ;
            case "failed" -> MessageStatus.FAILED;
            default -> null;
        };
        String key = PROVIDER + ":" + id + ":" + value;
        return id == null || parsed == null ? WebhookEvent.ignored(PROVIDER, key, "status:" + value)
                : WebhookEvent.status(PROVIDER, key, id, parsed);
    }
}
