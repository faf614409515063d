package io.conciergehub.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys.Caller;
import io.conciergehub.api.ApiKeys.Scope;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * {@code POST /api/mesh/guests/query}: guests by phone, e-mail, flight number, arrival date range,
 * status or whether they need staff ({@code needsAttention}, with its reason and time), a page at
 * a time, in the order of their ids. Phone, e-mail and name are personal data: only a key with the
 * {@code read} scope gets them; other keys see ids, status and bookings.
 *
 * <p>A page is the {@code pageSize} guests after guest id {@code afterId}; {@code nextAfterId} asks
 * for the next one (null on the last). Staff who resolve the flagged guests of a page while they walk
 * {@code needsAttention: true} thus skip none: the next page starts after the last id seen, whatever
 * left the filter meanwhile. {@code page} (an offset, counted in the filter as it is now) still
 * works, for a filter that does not change under the walk.
 */
public final class GuestQuery {

    private static final int MAX_PAGE_SIZE = 100;

    private final Database db;
    private final GuestRepository guests;
    private final ObjectMapper json;
    private final String region;

    /** @param region the hotel's region (concierge.default-region): national phone numbers are read as its numbers */
    public GuestQuery(Database db, GuestRepository guests, ObjectMapper json, String region) {
        this.db = db;
        this.guests = guests;
        this.json = json;
        this.region = region;
    }

    public ApiResponse query(Exchange exchange) throws Exception {
        JsonNode body = Fields.body(exchange, json);
        Fields.onlyKnown(body, "", Set.of("phone", "email", "flightNumber", "arrivalFrom", "arrivalTo", "status",
                "needsAttention", "page", "pageSize", "afterId"));
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        String phone = Fields.phone(body, "phone", "phone", false, region);
        if (phone != null) {
            where.append(" AND g.phone_hash = ?");
            args.add(guests.blindIndex(phone));
        }
        String email = Fields.email(body, "email", "email");
        if (email != null) {
            where.append(" AND g.email_hash = ?");
            args.add(guests.blindIndex(email));
        }
        String status = Fields.status(body, "status", "status", null);
        if (status != null) {
            where.append(" AND g.status = ?");
            args.add(status);
        }
        Boolean needsAttention = Fields.bool(body, "needsAttention", "needsAttention");
        if (needsAttention != null) {
            where.append(" AND g.needs_attention = ?");
            args.add(needsAttention ? 1 : 0);
        }
        String flight = Fields.flightNumber(body, "flightNumber", "flightNumber");
        LocalDate from = Fields.date(body, "arrivalFrom", "arrivalFrom");
        LocalDate to = Fields.date(body, "arrivalTo", "arrivalTo");
        if (from != null && to != null && to.isBefore(from)) {
            throw HttpProblem.invalidField("arrivalTo", "is before arrivalFrom");
        }
        if (flight != null || from != null || to != null) {
            where.append(" AND EXISTS (SELECT 1 FROM bookings b WHERE b.guest_id = g.id");
            if (flight != null) {
                where.append(" AND b.flight_number = ?");
                args.add(flight);
            }
            if (from != null) {
                where.append(" AND b.arrival >= ?");
                args.add(from.toString());
            }
            if (to != null) {
                where.append(" AND b.arrival <= ?");
                args.add(to.toString());
            }
            where.append(")");
        }
        Integer askedPage = Fields.integer(body, "page", "page", 1, 1_000_000);
        Integer afterId = Fields.integer(body, "afterId", "afterId", 0, Integer.MAX_VALUE);
        if (askedPage != null && afterId != null) {
            throw HttpProblem.invalidField("afterId", "give either a page or an afterId");
        }
        int page = Objects.requireNonNullElse(askedPage, 1);
        int pageSize = Objects.requireNonNullElse(Fields.integer(body, "pageSize", "pageSize", 1, MAX_PAGE_SIZE), 20);
        boolean personalData = exchange.getProperty(ApiGate.CALLER, Caller.class).may(Scope.READ);

        return db.read(c -> {
            long total = Sql.count(c, "SELECT COUNT(*) FROM guests g" + where, args.toArray());
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(afterId == null ? 0 : afterId);
            // One more than asked for tells whether another page follows.
            pageArgs.add(pageSize + 1);
            pageArgs.add(afterId == null ? (long) (page - 1) * pageSize : 0);
            List<Map<String, Object>> found = Sql.list(c, "SELECT g.id, g.phone_enc, g.email_enc, g.name, g.language,"
                    + " g.status, g.opted_out, g.needs_attention, g.attention_reason, g.attention_since"
                    + " FROM guests g" + where + " AND g.id > ? ORDER BY g.id LIMIT ? OFFSET ?",
                    row -> {
                        Map<String, Object> guest = new LinkedHashMap<>();
                        guest.put("id", row.getLong("id"));
                        if (personalData) {
                            guest.put("phone", guests.decrypt(row.getString("phone_enc")));
                            guest.put("email", guests.decrypt(row.getString("email_enc")));
                            guest.put("name", guests.open(row.getString("name")));
                        }
                        guest.put("language", row.getString("language"));
                        guest.put("status", row.getString("status"));
                        guest.put("optedOut", row.getInt("opted_out") == 1);
                        guest.put("needsAttention", row.getInt("needs_attention") == 1);
                        guest.put("attentionReason", row.getString("attention_reason"));
                        Long since = Sql.nullableLong(row, "attention_since");
                        guest.put("attentionSince", since == null ? null : Instant.ofEpochMilli(since).toString());
                        return guest;
                    }, pageArgs.toArray());
            boolean more = found.size() > pageSize;
            if (more) {
                found = new ArrayList<>(found.subList(0, pageSize));
            }
            for (Map<String, Object> guest : found) {
                guest.put("bookings", Sql.list(c, "SELECT source, external_id, arrival, departure, adults, children,"
                        + " apartment, flight_number, status, notes FROM bookings WHERE guest_id = ? ORDER BY arrival",
                        row -> {
                            Map<String, Object> booking = new LinkedHashMap<>();
                            booking.put("source", row.getString(1));
                            booking.put("externalId", row.getString(2));
                            booking.put("arrival", row.getString(3));
                            booking.put("departure", row.getString(4));
                            booking.put("adults", row.getObject(5));
                            booking.put("children", row.getObject(6));
                            booking.put("apartment", row.getString(7));
                            booking.put("flightNumber", row.getString(8));
                            booking.put("status", row.getString(9));
                            if (personalData) {
                                String notes = row.getString(10);
                                booking.put("notes", notes == null ? null : guests.open(notes));
                            }
                            return booking;
                        }, guest.get("id")));
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            if (afterId == null) {
                answer.put("page", page);
            }
            answer.put("pageSize", pageSize);
            answer.put("total", total);
            answer.put("personalData", personalData);
            answer.put("guests", found);
            answer.put("nextAfterId", more ? found.get(found.size() - 1).get("id") : null);
            return ApiResponse.ok(answer);
        });
    }
}
