package io.conciergehub.reservation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.HttpErrors;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.api.HttpRequests;
import io.conciergehub.store.Digests;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Smoobu's webhook, {@code POST /webhooks/smoobu?token=<smoobu.webhook-secret>}. Smoobu signs
 * nothing, so the hook URL carries a shared secret, compared in constant time and dropped from the
 * exchange once checked (it is never logged nor sent on). The body is
 * {@code {"action": "newReservation", "data": {reservation}}}; some senders put the reservation
 * under {@code booking} or at the root, which is read too.
 */
public final class SmoobuWebhook {

    public static final String NOTICE = "smoobuNotice";
    public static final String RESERVATION_ID = "smoobuReservationId";
    private static final Logger LOG = LoggerFactory.getLogger(SmoobuWebhook.class);
    private static final Set<String> RESERVATIONS = Set.of("newReservation", "updateReservation");
    /** deleteReservation: the reservation is gone from Smoobu, so no guest journey either. */
    private static final Set<String> CANCELLATIONS = Set.of("cancelReservation", "cancelledReservation",
            "deleteReservation");

    private final byte[] secretDigest;
    private final boolean rereads;
    private final ObjectMapper json;

    /** @param apiKey Smoobu's API key: when set, each reservation is read again from the API before it is stored */
    public SmoobuWebhook(String secret, String apiKey, ObjectMapper json) {
        this.secretDigest = secret == null || secret.isBlank() ? null : Digests.sha256(secret.strip());
        this.rereads = apiKey != null && !apiKey.isBlank();
        this.json = json;
    }

    /**
     * 503 while {@code smoobu.webhook-secret} is not set (the endpoint exists but is not open to
     * anyone); 401 unless the request's {@code token} query parameter is the secret. Then every
     * trace of the request's query string leaves the exchange.
     */
    public void verify(Exchange exchange) {
        if (secretDigest == null) {
            throw new HttpProblem(503, "not_configured", "smoobu.webhook-secret is not set");
        }
        String token = HttpRequests.queryParameter(exchange.getMessage(), "token");
        // Digests of equal length: the comparison takes as long whatever the token's length and content.
        boolean valid = token != null && MessageDigest.isEqual(secretDigest, Digests.sha256(token));
        exchange.getMessage().removeHeaders("CamelHttp(Query|RawQuery|Uri|Url)");
        exchange.getMessage().removeHeader("token");
        if (!valid) {
            throw HttpProblem.unauthorized("the hook URL's token is missing or wrong");
        }
    }

    /** The webhook's action and reservation; 400 naming the field when the action or id is missing. */
    public SmoobuNotice read(Exchange exchange) throws IOException {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        JsonNode root = body == null || body.length == 0 ? null : json.readTree(body);
        if (root == null || !root.isObject()) {
            throw HttpProblem.badRequest("body must be a JSON object");
        }
        String action = SmoobuReservation.text(root, "action");
        if (action == null) {
            throw HttpProblem.invalidField("action", "is required");
        }
        JsonNode reservation = root.get("data") != null && root.get("data").isObject() ? root.get("data")
                : root.get("booking") != null && root.get("booking").isObject() ? root.get("booking") : root;
        SmoobuNotice.Kind kind = kind(action, reservation);
        if (kind == SmoobuNotice.Kind.IGNORED) {
            return new SmoobuNotice(kind, action, null, null, "");
        }
        String path = reservation == root ? "" : reservation == root.get("data") ? "data." : "booking.";
        String id = SmoobuReservation.id(reservation, path);
        exchange.setProperty(RESERVATION_ID, id);
        return new SmoobuNotice(kind, action, id, reservation, path);
    }

    private static SmoobuNotice.Kind kind(String action, JsonNode reservation) {
        if (CANCELLATIONS.contains(action)) {
            return SmoobuNotice.Kind.CANCELLATION;
        }
        if (RESERVATIONS.contains(action)) {
            return "cancellation".equalsIgnoreCase(SmoobuReservation.text(reservation, "type"))
                    ? SmoobuNotice.Kind.CANCELLATION : SmoobuNotice.Kind.RESERVATION;
        }
        return SmoobuNotice.Kind.IGNORED;
    }

    /** Whether the reservation is read again from Smoobu's API (smoobu.api-key is set) before it is stored. */
    public boolean rereads(SmoobuNotice notice) {
        return rereads && notice.kind() != SmoobuNotice.Kind.IGNORED;
    }

    /**
     * The notice with the reservation as Smoobu's API answered it (the webhook's body only says
     * which one changed). 404 to a cancellation (a deleteReservation above all: Smoobu no longer has
     * the reservation) confirms it: the webhook's own notice is applied, so the booking is cancelled,
     * but only the booking the hub already knows as this reservation: the channel's number in the
     * body ({@code reference-id}) is not what the API vouched for, and names no booking to cancel.
     * 404 to a new or updated reservation: it is not this account's, nothing is stored. Any other
     * failure is answered 502, so that Smoobu sends the webhook again.
     */
    public SmoobuNotice reread(Exchange exchange) {
        SmoobuNotice notice = exchange.getProperty(NOTICE, SmoobuNotice.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status == 404 && notice.kind() == SmoobuNotice.Kind.CANCELLATION) {
            LOG.info("event=smoobu.gone-reservation reservation={}", notice.reservationId());
            ObjectNode unvouched = ((ObjectNode) notice.reservation()).deepCopy();
            unvouched.remove("reference-id");
            return new SmoobuNotice(notice.kind(), notice.action(), notice.reservationId(), unvouched, notice.path());
        }
        if (status != null && status == 404) {
            LOG.info("event=smoobu.unknown-reservation reservation={}", notice.reservationId());
            return new SmoobuNotice(SmoobuNotice.Kind.IGNORED, notice.action(), notice.reservationId(), null, "");
        }
        String answer = exchange.getMessage().getBody(String.class);
        JsonNode reservation = status == null || status / 100 != 2 || answer == null ? null : jsonOrNull(answer);
        if (reservation == null || !reservation.isObject()
                || !notice.reservationId().equals(SmoobuReservation.text(reservation, "id"))) {
            LOG.warn("event=smoobu.api-failed reservation={} status={}", notice.reservationId(), status);
            throw new HttpProblem(502, "smoobu_api_failed",
                    "the Smoobu API did not answer the reservation (status " + status + "); send it again later");
        }
        SmoobuNotice.Kind kind = notice.kind() == SmoobuNotice.Kind.RESERVATION
                && "cancellation".equalsIgnoreCase(SmoobuReservation.text(reservation, "type"))
                ? SmoobuNotice.Kind.CANCELLATION : notice.kind();
        return new SmoobuNotice(kind, notice.action(), notice.reservationId(), reservation, notice.path());
    }

    /** The API's answer as JSON; null for one that is none (a proxy's HTML page, a body cut off on the way). */
    private JsonNode jsonOrNull(String answer) {
        try {
            return json.readTree(answer);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** The answer: what the hub did, in its own words (nothing of the request is echoed). */
    public void answer(Exchange exchange, String result) throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", "accepted");
        body.put("result", result);
        HttpErrors.writeJson(exchange, json, 200, body);
    }
}
