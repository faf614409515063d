package io.conciergehub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.guest.Phones;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * Reads and validates API request bodies. Every refusal is a 400 naming the field at fault by its
 * JSON path; nothing is stored before a request is valid as a whole.
 */
public final class Fields {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern PHONE_CHARACTERS = Pattern.compile("[+0-9 ().-]+");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"']{1,64}@[^@\\s<>\"']{1,190}\\.[^@\\s<>\"']{2,}");
    private static final Pattern FLIGHT = Pattern.compile("[A-Z0-9]{2,3}[0-9]{1,4}[A-Z]?");
    private static final Pattern STATUS = Pattern.compile("[a-z][a-z_-]{0,31}");
    /** Spoki names a template by its numeric id ("4711"); WhatsApp Cloud by its name. */
    public static final Pattern SPOKI_TEMPLATE_ID = Pattern.compile("[0-9]{1,18}");

    private Fields() {
    }

    /** The JSON object in the request body: 415 for another content type, 400 for anything but an object. */
    public static JsonNode body(Exchange exchange, ObjectMapper json) throws Exception {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpProblem(415, "unsupported_media_type", "the body must be application/json");
        }
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        JsonNode node = raw == null || raw.length == 0 ? null : json.readTree(raw);
        if (node == null || !node.isObject()) {
            throw HttpProblem.badRequest("the body must be a JSON object");
        }
        return node;
    }

    /**
     * A whole number from 1 to {@code max} given in a query parameter ({@code raw}, null or empty
     * when absent), or {@code absent}; else 400 naming the parameter with {@code rule}.
     */
    public static long queryNumber(String raw, String name, long absent, long max, String rule) {
        if (raw == null || raw.isEmpty()) {
            return absent;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw HttpProblem.invalidField(name, rule);
    }

    /** A numeric id from the path ({@code /…/{id}}); anything else names nothing there: 404 with {@code notFound}. */
    public static long pathId(String raw, String notFound) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound(notFound);
        }
    }

    /** A value a validator below returned for a field the request must carry: 400 naming it when absent. */
    public static <T> T required(T value, String path) {
        if (value == null) {
            throw HttpProblem.invalidField(path, "is required");
        }
        return value;
    }

    /** A field the request left out: null when it is optional, 400 when it is required. */
    private static <T> T absent(String path, boolean required) {
        return required ? required(null, path) : null;
    }

    public static JsonNode object(JsonNode parent, String name, String path, boolean required) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return absent(path, required);
        }
        if (!node.isObject()) {
            throw HttpProblem.invalidField(path, "must be an object");
        }
        return node;
    }

    public static String text(JsonNode parent, String name, String path, boolean required, int maxLength) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return absent(path, required);
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw HttpProblem.invalidField(path, "must be a non-empty string");
        }
        if (node.asText().length() > maxLength) {
            throw HttpProblem.invalidField(path, "is longer than " + maxLength + " characters");
        }
        return node.asText().strip();
    }

    /** A phone number in international form ("+39 333 …", "0039 …" or WhatsApp's "39333…"), as E.164. */
    public static String phone(JsonNode parent, String name, String path, boolean required) {
        return phone(parent, name, path, required, null);
    }

    /**
     * A phone number as E.164; with {@code region} (the hotel's, "IT") a national number ("333 123 4567")
     * is read as one of that region, without it only international forms are numbers.
     */
    public static String phone(JsonNode parent, String name, String path, boolean required, String region) {
        String raw = text(parent, name, path, required, 32);
        if (raw == null) {
            return null;
        }
        String phone = !PHONE_CHARACTERS.matcher(raw).matches() ? null
                : region == null ? Phones.normalize(raw) : Phones.normalize(raw, region);
        if (phone == null) {
            throw HttpProblem.invalidField(path, region == null ? "is not a phone number in international form"
                    : "is not a phone number (international, or national in " + region + ")");
        }
        return phone;
    }

    public static String email(JsonNode parent, String name, String path) {
        String email = text(parent, name, path, false, 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw HttpProblem.invalidField(path, "is not an e-mail address");
        }
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }

    public static String language(JsonNode parent, String name, String path) {
        return matching(parent, name, path, LANGUAGE, "must be a two-letter language code such as \"it\"");
    }

    public static String token(JsonNode parent, String name, String path, boolean required) {
        String value = text(parent, name, path, required, 200);
        if (value != null && !TOKEN.matcher(value).matches()) {
            throw HttpProblem.invalidField(path, "may hold letters, digits and . _ : - only");
        }
        return value;
    }

    public static String flightNumber(JsonNode parent, String name, String path) {
        String value = text(parent, name, path, false, 12);
        String normalized = value == null ? null : value.replace(" ", "").toUpperCase(Locale.ROOT);
        if (normalized != null && !FLIGHT.matcher(normalized).matches()) {
            throw HttpProblem.invalidField(path, "is not a flight number such as \"AZ611\"");
        }
        return normalized;
    }

    public static String status(JsonNode parent, String name, String path, Set<String> allowed) {
        String value = matching(parent, name, path, STATUS, "must be a lower-case word");
        if (value != null && allowed != null && !allowed.contains(value)) {
            throw HttpProblem.invalidField(path, "must be one of " + allowed);
        }
        return value;
    }

    private static String matching(JsonNode parent, String name, String path, Pattern pattern, String rule) {
        String value = text(parent, name, path, false, 200);
        if (value != null && !pattern.matcher(value).matches()) {
            throw HttpProblem.invalidField(path, rule);
        }
        return value;
    }

    public static LocalDate date(JsonNode parent, String name, String path) {
        String value = text(parent, name, path, false, 10);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw HttpProblem.invalidField(path, "must be a date as YYYY-MM-DD");
        }
    }

    public static Integer integer(JsonNode parent, String name, String path, long min, long max) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw HttpProblem.invalidField(path, "must be a whole number from " + min + " to " + max);
        }
        return node.asInt();
    }

    public static Boolean bool(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw HttpProblem.invalidField(path, "must be true or false");
        }
        return node.asBoolean();
    }

    /** String values of a flat object (template fields), at most {@code max} of them. */
    public static Map<String, String> stringMap(JsonNode parent, String name, String path, int max) {
        JsonNode node = object(parent, name, path, false);
        if (node == null) {
            return Map.of();
        }
        if (node.size() > max) {
            throw HttpProblem.invalidField(path, "has more than " + max + " entries");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!TOKEN.matcher(field.getKey()).matches() || !field.getValue().isValueNode()
                    || field.getValue().asText().length() > 1000) {
                // The member is not named: nothing of the request is echoed.
                throw HttpProblem.invalidField(path, "must hold short text values (at most 1000 characters) under"
                        + " names of letters, digits and . _ : -");
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    /**
     * Refuses members the operation does not know, so a typo is not silently ignored. The answer
     * lists the known ones rather than naming the stranger: nothing of the request is echoed.
     */
    public static void onlyKnown(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            if (!known.contains(it.next())) {
                String allowed = known.isEmpty() ? "takes no members"
                        : "has a member that is not one of " + String.join(", ", new TreeSet<>(known));
                throw path.isEmpty() ? HttpProblem.badRequest("the body " + allowed) : HttpProblem.invalidField(path, allowed);
            }
        }
    }
}
