package io.conciergehub.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.guest.Booking;
import io.conciergehub.guest.Phones;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One Smoobu reservation as a webhook's {@code data} (or the API's {@code GET /api/reservations/{id}})
 * carries it: kebab-case keys ({@code guest-name}, {@code reference-id}) beside camelCase ones
 * ({@code modifiedAt}). Read leniently where Smoobu is loose (empty strings are "not reported",
 * numbers may come as strings), strictly where a wrong value would mislead: a date that does not
 * parse, a departure before the arrival, a phone number that cannot exist are refused naming the
 * field, and their values are never echoed.
 *
 * @param cancelled a cancellation (the webhook's action, or {@code type == "cancellation"}): only its id,
 *                  modifiedAt and reference are read, so nothing else it carries keeps it from applying
 * @param blocked   an owner's block of dates ({@code is-blocked-booking}), not a guest's reservation
 */
public record SmoobuReservation(String id, LocalDateTime modifiedAt, String reference, boolean cancelled,
        boolean blocked, String guestName, String phone, String email, String language, LocalDate arrival,
        LocalDate departure, Integer adults, Integer children, String apartment, String notes) {

    public static final String SOURCE = "smoobu";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern PHONE_CHARACTERS = Pattern.compile("[+0-9 ()./-]{3,32}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2}([-_][A-Za-z]{2})?");
    /** "2026-06-01 10:12:33" as Smoobu writes it; also without seconds, with a 'T' or a fraction. */
    private static final DateTimeFormatter MODIFIED_AT = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd().optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm").optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter();

    /** The reservation id of a payload, as text: "data.id" (a number in Smoobu's payloads). */
    static String id(JsonNode reservation, String path) {
        String id = text(reservation, "id");
        if (id == null) {
            throw HttpProblem.invalidField(path + "id", "is required");
        }
        if (!ID.matcher(id).matches()) {
            throw HttpProblem.invalidField(path + "id", "is not a Smoobu reservation id");
        }
        return id;
    }

    /**
     * @param path   where the reservation sits in the request ("data"), to name a field at fault
     * @param region the hotel's country (ISO 3166, "IT"): national phone numbers are read as its
     */
    static SmoobuReservation read(JsonNode node, String path, String region, boolean cancellation) {
        String id = id(node, path);
        String modified = text(node, "modifiedAt");
        if (modified == null) {
            throw HttpProblem.invalidField(path + "modifiedAt", "is required");
        }
        LocalDateTime modifiedAt;
        try {
            modifiedAt = LocalDateTime.parse(modified.strip(), MODIFIED_AT);
        } catch (DateTimeParseException e) {
            throw HttpProblem.invalidField(path + "modifiedAt", "must be a date and time as YYYY-MM-DD HH:MM:SS");
        }
        boolean cancelled = cancellation || "cancellation".equalsIgnoreCase(text(node, "type"));
        boolean blocked = node.path("is-blocked-booking").asBoolean(false);
        if (cancelled) {
            // Only the status changes: what else a cancellation carries can not keep it from applying.
            return new SmoobuReservation(id, modifiedAt, text(node, "reference-id"), true, blocked, null, null, null,
                    null, null, null, null, null, null, null);
        }
        LocalDate arrival = date(node, "arrival", path, !blocked);
        LocalDate departure = date(node, "departure", path, !blocked);
        if (arrival != null && departure != null && departure.isBefore(arrival)) {
            throw HttpProblem.invalidField(path + "departure", "is before the arrival");
        }
        String name = text(node, "guest-name");
        if (name == null) {
            String joined = ((orEmpty(text(node, "firstname")) + " " + orEmpty(text(node, "lastname")))).strip();
            name = joined.isEmpty() ? null : joined;
        }
        JsonNode apartment = node.get("apartment");
        String apartmentName = apartment == null ? null : apartment.isObject() ? text(apartment, "name")
                : text(node, "apartment");
        return new SmoobuReservation(id, modifiedAt, text(node, "reference-id"), false, blocked,
                limited(name, 200, path + "guest-name"), phone(text(node, "phone"), region, path + "phone"),
                email(text(node, "email"), path + "email"), language(text(node, "language")), arrival, departure,
                count(node, "adults", path), count(node, "children", path),
                limited(apartmentName, 100, path + "apartment.name"), Booking.notes(text(node, "notice")));
    }

    /** The booking to store under {@code (source, externalId)}: the Smoobu one, or another channel's. */
    Booking booking(String source, String externalId, String status) {
        return new Booking(source, externalId, guestName, phone, email, language, arrival, departure, adults, children,
                apartment, null, status, notes);
    }

    /** A possible number in E.164 ("+39333…"), national numbers read in the hotel's region; null if none. */
    static String phone(String raw, String region, String path) {
        if (raw == null) {
            return null;
        }
        String phone = PHONE_CHARACTERS.matcher(raw).matches() ? Phones.normalize(raw, region) : null;
        if (phone == null) {
            // Not echoed: it may be a real number, and the answer is logged.
            throw HttpProblem.invalidField(path, "is not a phone number that can exist");
        }
        return phone;
    }

    private static String email(String raw, String path) {
        if (raw != null && (raw.length() > 254 || !EMAIL.matcher(raw).matches())) {
            throw HttpProblem.invalidField(path, "is not an e-mail address");
        }
        return raw == null ? null : raw.toLowerCase(Locale.ROOT);
    }

    /** A language Smoobu knows the guest by ("it", "de-DE"); anything else is not reported. */
    private static String language(String raw) {
        return raw != null && LANGUAGE.matcher(raw).matches() ? raw.substring(0, 2).toLowerCase(Locale.ROOT) : null;
    }

    private static LocalDate date(JsonNode node, String field, String path, boolean required) {
        String value = text(node, field);
        if (value == null) {
            if (required) {
                throw HttpProblem.invalidField(path + field, "is required");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw HttpProblem.invalidField(path + field, "must be a date as YYYY-MM-DD");
        }
    }

    /** adults, children: a whole number 0 to 50, as a number or the digits of one. */
    private static Integer count(JsonNode node, String field, String path) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        if (!value.matches("\\d{1,2}") || Integer.parseInt(value) > 50) {
            throw HttpProblem.invalidField(path + field, "must be a whole number from 0 to 50");
        }
        return Integer.parseInt(value);
    }

    private static String limited(String value, int max, String path) {
        if (value != null && value.length() > max) {
            throw HttpProblem.invalidField(path, "is longer than " + max + " characters");
        }
        return value;
    }

    /** A field's text; null when absent, null, an object, or blank (Smoobu sends "" for "not known"). */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
