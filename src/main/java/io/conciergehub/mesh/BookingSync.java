package io.conciergehub.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.api.ItemResults;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.guest.Booking;
import io.conciergehub.guest.BookingRepository.MergeRefused;
import io.conciergehub.guest.BookingRepository.Upserted;
import io.conciergehub.guest.BookingRepository;
import io.conciergehub.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * {@code POST /api/mesh/sync/bookings}: up to 500 bookings upserted with the merge rules of
 * {@link BookingRepository}, each in its own transaction, with a result per item. Guests and
 * bookings created or cancelled raise their domain events.
 */
public final class BookingSync {

    static final int MAX_BOOKINGS = 500;
    private static final Set<String> FIELDS = Set.of("externalId", "source", "guestName", "phone", "email", "language",
            "arrival", "departure", "adults", "children", "apartment", "flightNumber", "status", "notes");
    private static final Set<String> STATUSES = Set.of("confirmed", "pending", "cancelled");

    private final Database db;
    private final BookingRepository bookings;
    private final EventBuffer events;
    private final ObjectMapper json;
    private final Clock clock;
    private final String region;

    /** @param region the hotel's region (concierge.default-region): national phone numbers are read as its numbers */
    public BookingSync(Database db, BookingRepository bookings, EventBuffer events, ObjectMapper json, Clock clock,
            String region) {
        this.region = region;
        this.db = db;
        this.bookings = bookings;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    public ApiResponse sync(Exchange exchange) throws Exception {
        JsonNode body = Fields.body(exchange, json);
        Fields.onlyKnown(body, "", Set.of("bookings"));
        JsonNode items = body.get("bookings");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw HttpProblem.invalidField("bookings", "must be a non-empty array");
        }
        if (items.size() > MAX_BOOKINGS) {
            throw HttpProblem.invalidField("bookings", "holds more than " + MAX_BOOKINGS + " bookings");
        }
        ItemResults results = new ItemResults("merged");
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> result = results.item(i);
            try {
                Booking booking = parse(items.get(i), "bookings[" + i + "]");
                result.put("externalId", booking.externalId());
                Upserted upserted = store(booking);
                result.put("result", upserted.outcome().name().toLowerCase(Locale.ROOT));
                result.put("bookingId", upserted.bookingId());
                result.put("guestId", upserted.guestId());
                // The booking's status as stored: a cancelled booking stays cancelled whatever a
                // report says, and the caller sees that its "confirmed" was not taken.
                result.put("status", upserted.status());
                results.accepted();
            } catch (HttpProblem refused) {
                results.refused(result, refused);
            } catch (MergeRefused refused) {
                results.refused(result, "not_merged", refused.getMessage(), null);
            }
        }
        return results.response();
    }

    /**
     * One booking in its own transaction, with the events it raises, by the merge rules of
     * {@link BookingRepository#upsert}: what every channel (this API, e-mails, Smoobu) stores through.
     */
    public Upserted store(Booking booking) {
        return db.writeDurably(c -> store(c, booking));
    }

    /**
     * {@link #store(Booking)} inside the caller's transaction, for a channel that keeps its own
     * bookkeeping (Smoobu: the last change applied per reservation) in the same commit.
     */
    public Upserted store(Connection c, Booking booking) throws SQLException {
        long now = clock.millis();
        Upserted done = bookings.upsert(c, booking, now);
        if (done.guestCreated()) {
            events.publish(c, "guest.created", Map.of("guestId", done.guestId(), "source", booking.source()));
        }
        String type = switch (done.outcome()) {
            case CREATED -> "booking.created";
            case UPDATED -> Booking.CANCELLED.equals(done.status())
                    && !Booking.CANCELLED.equals(done.previousStatus()) ? "booking.cancelled" : "booking.updated";
            case UNCHANGED -> null;
        };
        if (type != null) {
            events.publish(c, type, Map.of("bookingId", done.bookingId(), "guestId", done.guestId(),
                    "source", booking.source(), "externalId", booking.externalId(), "status", done.status()));
        }
        return done;
    }

    private Booking parse(JsonNode item, String path) {
        if (!item.isObject()) {
            throw HttpProblem.invalidField(path, "must be an object");
        }
        Fields.onlyKnown(item, path, FIELDS);
        LocalDate arrival = Fields.date(item, "arrival", path + ".arrival");
        LocalDate departure = Fields.date(item, "departure", path + ".departure");
        if (arrival != null && departure != null && departure.isBefore(arrival)) {
            throw HttpProblem.invalidField(path + ".departure", "is before the arrival");
        }
        return new Booking(Fields.token(item, "source", path + ".source", true),
                Fields.token(item, "externalId", path + ".externalId", true),
                Fields.text(item, "guestName", path + ".guestName", false, 200),
                Fields.phone(item, "phone", path + ".phone", false, region), Fields.email(item, "email", path + ".email"),
                Fields.language(item, "language", path + ".language"), arrival, departure,
                Fields.integer(item, "adults", path + ".adults", 0, 50),
                Fields.integer(item, "children", path + ".children", 0, 50),
                Fields.text(item, "apartment", path + ".apartment", false, 100),
                Fields.flightNumber(item, "flightNumber", path + ".flightNumber"),
                Fields.status(item, "status", path + ".status", STATUSES),
                Fields.text(item, "notes", path + ".notes", false, Booking.MAX_NOTES));
    }
}
