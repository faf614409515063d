package io.conciergehub.reservation;

import io.conciergehub.guest.Booking;
import io.conciergehub.guest.Phones;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * PLACEHOLDER of the parsers branch (issue 14): the mail route's contract only. It reads one
 * labelled English text ("Reference:", "Guest:", "Phone:", "Arrival:", "Departure:"); the parsers
 * branch replaces this class with the real one (a parser per source, the generic labelled parser
 * in five languages, HTML through jsoup).
 */
public final class ReservationParsers {

    private final String region;

    /** @param region the hotel's region for national phone numbers (unused by this placeholder) */
    public ReservationParsers(String region) {
        this.region = region;
    }

    public String region() {
        return region;
    }

    /** The booking the mail confirms; {@link UnreadableReservation} with the reason otherwise. */
    public Booking parse(ReservationMail mail) throws UnreadableReservation {
        if (mail.textBody() == null || mail.textBody().isBlank()) {
            throw new UnreadableReservation("no text body");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : mail.textBody().split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        String reference = fields.getOrDefault("reference", fields.get("booking number"));
        if (reference == null || reference.isEmpty()) {
            throw new UnreadableReservation("no booking reference");
        }
        LocalDate arrival = date(fields, "arrival");
        LocalDate departure = date(fields, "departure");
        if (departure.isBefore(arrival)) {
            throw new UnreadableReservation("departure before arrival");
        }
        String phone = fields.get("phone");
        if (phone != null) {
            phone = Phones.normalize(phone);
            if (phone == null) {
                throw new UnreadableReservation("phone number not valid");
            }
        }
        return new Booking(sourceOf(mail), reference, fields.get("guest"), phone, null, null, arrival, departure,
                null, null, null, null, Booking.CONFIRMED);
    }

    /** The source a mail's bookings are stored under. */
    public String sourceOf(ReservationMail mail) {
        return "email";
    }

    private static LocalDate date(Map<String, String> fields, String label) throws UnreadableReservation {
        String text = fields.get(label);
        if (text == null) {
            throw new UnreadableReservation("no " + label + " date");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UnreadableReservation(label + " date does not parse");
        }
    }
}
