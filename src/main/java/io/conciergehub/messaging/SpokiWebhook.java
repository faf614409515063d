package io.conciergehub.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.guest.Phones;
import io.conciergehub.store.Hmac;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * Spoki's V2 webhooks: {@code X-Spoki-Signature: t=<unix>,v2=<hex HMAC-SHA256(secret, t + "." + body)>}.
 * {@code message.inbound} is a guest's message; {@code message.outbound} is re-sent on every status
 * change of a message we sent.
 */
public final class SpokiWebhook {

    private static final Pattern LANGUAGE_CODE = Pattern.compile("[A-Za-z]{2}([-_][A-Za-z]{2})?");

    public static final String PROVIDER = "spoki";
    private static final long TOLERANCE_SECONDS = 300;
    private static final Pattern UNIX_SECONDS = Pattern.compile("\\d{1,12}");

    private final Hmac signature; // null: no secret configured
    private final ObjectMapper json;
    private final Clock clock;

    public SpokiWebhook(String secret, ObjectMapper json, Clock clock) {
        this.signature = Signatures.webhookHmac(secret);
        this.json = json;
        this.clock = clock;
    }

    public void verify(@Body byte[] body, @Header("X-Spoki-Signature") String header) {
        if (signature == null) {
            throw new HttpProblem(503, "not_configured", "spoki.webhook-secret is not set");
        }
        String t = null;
        String v2 = null;
        for (String part : header == null ? new String[0] : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v2")) {
                v2 = kv[1];
            }
        }
        if (t == null || v2 == null || !UNIX_SECONDS.matcher(t).matches()) {
            throw HttpProblem.unauthorized("missing or malformed X-Spoki-Signature");
        }
        if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(t)) > TOLERANCE_SECONDS) {
            throw HttpProblem.unauthorized("signature timestamp outside the 300 s window");
        }
        byte[] expected = signature.of((t + ".").getBytes(StandardCharsets.UTF_8), body);
        if (!Signatures.sameHex(expected, v2)) {
            throw HttpProblem.unauthorized("signature does not match");
        }
    }

    public List<WebhookEvent> parse(@Body byte[] body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw HttpProblem.badRequest("body must be a JSON object");
        }
        String event = root.path("event").asText("");
        JsonNode data = root.path("data");
        String messageId = text(data, "uuid", text(data, "id", null));
        String key = PROVIDER + ":" + text(root, "event_uuid", event + ":" + messageId);
        switch (event) {
            case "message.inbound" -> {
                String from = text(data, "from_phone", text(data.path("contact"), "phone", null));
                if (messageId == null || from == null) {
                    throw HttpProblem.badRequest("message.inbound needs data.uuid and data.from_phone");
                }
                String phone = Phones.normalize(from);
                if (phone == null) {
                    // Not echoed: it may be a real number, and the answer is logged.
                    throw HttpProblem.invalidField("data.from_phone", "is not a phone number in international form");
                }
                String text = text(data, "text", text(data, "payload", ""));
                String name = text(data.path("contact"), "name", null);
                return List.of(WebhookEvent.message(PROVIDER, key, messageId, phone, name, text)
                        .withContactLanguage(languageCode(text(data.path("contact"), "language", null))));
            }
            case "message.outbound" -> {
                MessageStatus status = switch (data.path("send_status").asText("").toLowerCase(Locale.ROOT)) {
                    case "sent" -> MessageStatus.SENT;
                    case "delivered" -> MessageStatus.DELIVERED;
                    case "read" -> MessageStatus.READ;
                    case "error", "failed" -> MessageStatus.FAILED;
                    default -> null;
                };
                if (messageId == null || status == null) {
                    return List.of(WebhookEvent.ignored(PROVIDER, key, event));
                }
                return List.of(WebhookEvent.status(PROVIDER, key, messageId, status));
            }
            default -> {
                return List.of(WebhookEvent.ignored(PROVIDER, key, event.isEmpty() ? "unknown" : event));
            }
        }
    }

    static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? fallback : value.asText();
    }

    /** "IT", "it" or "it_IT" as the provider may send a contact's language: "it"; null for anything else. */
    private static String languageCode(String language) {
        return language != null && LANGUAGE_CODE.matcher(language).matches()
                ? language.substring(0, 2).toLowerCase(Locale.ROOT) : null;
    }
}
