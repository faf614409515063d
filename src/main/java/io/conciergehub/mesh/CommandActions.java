package io.conciergehub.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.conciergehub.api.Fields;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.guest.BookingRepository;
import io.conciergehub.guest.Guest;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each command does, on a payload {@link CommandRequests} has checked: queue a message,
 * update a guest, pause or resume the workers. An action's answer is the command's result.
 */
public final class CommandActions {

    public enum Action {
        SEND_MESSAGE, SEND_BATCH_MESSAGES, UPDATE_GUEST, RESOLVE_GUEST, PAUSE_WORKERS, RESUME_WORKERS, TEST;

        boolean requiresPayload() {
            return this == SEND_MESSAGE || this == SEND_BATCH_MESSAGES || this == UPDATE_GUEST || this == RESOLVE_GUEST;
        }
    }

    /** A refusal found while executing: the command fails with this reason, nothing it did is kept. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }

    private final String defaultLanguage;
    private final GuestRepository guests;
    private final BookingRepository bookings;
    private final Outbox outbox;
    private final WorkerControl workers;
    private final String region;
    // "Today", for the guest's next booking, is the hotel's.
    private final ZoneId hotelZone;
    private final EventBuffer events;

    /**
     * @param defaultLanguage the language of a message to a guest whose language nobody told (concierge.default-language)
     * @param region the hotel's region (concierge.default-region): national phone numbers are read as its numbers
     */
    public CommandActions(GuestRepository guests, BookingRepository bookings, Outbox outbox, WorkerControl workers,
            EventBuffer events, String defaultLanguage, String region, ZoneId hotelZone) {
        this.defaultLanguage = defaultLanguage;
        this.region = region;
        this.hotelZone = hotelZone;
        this.events = events;
        this.guests = guests;
        this.bookings = bookings;
        this.outbox = outbox;
        this.workers = workers;
    }

    /**
     * The actions on route control, which waits for in-flight exchanges that may need the database:
     * run outside any transaction. Null for the other actions. The pause is stored with the submitting
     * key's id ({@code keyId}): who paused.
     */
    Map<String, Object> control(Action action, String keyId) throws Exception {
        return switch (action) {
            case PAUSE_WORKERS -> Map.of("paused", workers.pause(keyId));
            case RESUME_WORKERS -> Map.of("resumed", workers.resume(keyId));
            default -> null;
        };
    }

    /**
     * The actions on the database, in the transaction that records the command's outcome;
     * {@code keyId} is the submitting key's, for the audit rows an action writes.
     */
    Map<String, Object> perform(Connection c, Action action, JsonNode payload, String keyId, long now)
            throws SQLException {
        return switch (action) {
            case SEND_MESSAGE -> sendMessage(c, payload, now);
            case SEND_BATCH_MESSAGES -> {
                List<Map<String, Object>> sent = new ArrayList<>();
                ArrayNode messages = (ArrayNode) payload.get("messages");
                for (int i = 0; i < messages.size(); i++) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("index", i);
                    item.putAll(sendMessage(c, messages.get(i), now));
                    sent.add(item);
                }
                yield Map.of("messages", sent);
            }
            case UPDATE_GUEST -> updateGuest(c, payload, keyId, now);
            case RESOLVE_GUEST -> {
                long guestId = guestNamed(c, payload);
                yield Map.of("guestId", guestId, "resolved", resolve(c, guestId, keyId, now));
            }
            case TEST -> Map.of("ok", true, "executedAt", Instant.ofEpochMilli(now).toString());
            default -> throw new IllegalStateException("not a database action: " + action);
        };
    }

    /** The outbox rows an action's result names: one for SEND_MESSAGE, one per message of a batch. */
    @SuppressWarnings("unchecked")
    static List<Long> queuedMessages(Map<String, Object> result) {
        if (result.get("outboxId") instanceof Long outboxId) {
            return List.of(outboxId);
        }
        if (result.get("messages") instanceof List<?> messages) {
            return messages.stream().map(item -> ((Map<String, Object>) item).get("outboxId"))
                    .filter(Long.class::isInstance).map(Long.class::cast).toList();
        }
        return List.of();
    }

    private Map<String, Object> sendMessage(Connection c, JsonNode message, long now) throws SQLException {
        String phone = Fields.phone(message, "phone", "phone", true, region);
        GuestRepository.Resolved guest = guests.findOrCreate(c, phone, now);
        if (guest.created()) {
            events.publish(c, "guest.created", Map.of("guestId", guest.id(), "source", "command"));
        }
        Guest stored = guests.findById(c, guest.id()).orElseThrow();
        // Queued even to a guest who opted out: the outbox holds it, and the command reports why.
        String language = Optional.ofNullable(Fields.language(message, "language", "language"))
                .orElse(stored.languageOr(defaultLanguage));
        long outboxId = outbox.enqueueCommanded(c, guest.id(), Fields.text(message, "message", "message", false, 4096),
                Fields.token(message, "template", "template", false),
                Fields.stringMap(message, "customFields", "customFields", 50), language, now);
        return Map.of("guestId", guest.id(), "outboxId", outboxId);
    }

    private long guestNamed(Connection c, JsonNode payload) throws SQLException {
        Long guestId = payload.hasNonNull("guestId") ? Long.valueOf(payload.get("guestId").asLong())
                : guests.findIdByPhone(c, Fields.phone(payload, "phone", "phone", true, region)).orElse(null);
        if (guestId == null || !guests.exists(c, guestId)) {
            throw new Refused("no such guest");
        }
        return guestId;
    }

    /** Clears the guest's flag, with an audit row when there was one to clear; returns whether there was. */
    private boolean resolve(Connection c, long guestId, String keyId, long now) throws SQLException {
        boolean cleared = guests.clearNeedsAttention(c, guestId, now);
        if (cleared) {
            CommandStore.audit(c, keyId, Action.RESOLVE_GUEST.name(), "guest:" + guestId, "resolved", now);
        }
        return cleared;
    }

    private Map<String, Object> updateGuest(Connection c, JsonNode payload, String keyId, long now)
            throws SQLException {
        long guestId = guestNamed(c, payload);
        JsonNode updates = payload.get("updates");
        String flight = Fields.flightNumber(updates, "flightNumber", "flightNumber");
        if (flight != null) {
            BookingRepository.FlightSet set = bookings.setNextFlight(c, guestId, flight,
                    LocalDate.ofInstant(Instant.ofEpochMilli(now), hotelZone).toString(), now)
                    .orElseThrow(() -> new Refused("the guest has no upcoming booking to set the flight on"));
            if (set.changed()) {
                events.publish(c, "booking.updated", Map.of("bookingId", set.booking().id(), "guestId", guestId,
                        "source", set.booking().source(), "externalId", set.booking().externalId(),
                        "status", set.status()));
            }
        }
        guests.update(c, guestId, Fields.text(updates, "name", "name", false, 200), Fields.email(updates, "email", "email"),
                Fields.language(updates, "language", "language"), Fields.status(updates, "status", "status", null),
                Fields.bool(updates, "optedOut", "optedOut"), now);
        if (updates.has("needsAttention")) { // false: CommandRequests refuses true
            resolve(c, guestId, keyId, now);
        }
        List<String> updated = new ArrayList<>();
        updates.fieldNames().forEachRemaining(updated::add);
        return Map.of("guestId", guestId, "updated", updated);
    }
}
