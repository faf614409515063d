package io.conciergehub.guest;

import java.time.LocalDate;
import java.util.Set;

/**
 * A reservation as a channel (Smoobu, Booking.com, the cloud's sync) reports it. Any field but
 * {@code source} and {@code externalId} may be null: null means "not reported", never "clear it".
 * {@code notes} is what the guest wrote with the booking (special requests).
 */
public record Booking(String source, String externalId, String guestName, String phone, String email,
        String language, LocalDate arrival, LocalDate departure, Integer adults, Integer children, String apartment,
        String flightNumber, String status, String notes) {

    public static final String CONFIRMED = "confirmed";
    public static final String CANCELLED = "cancelled";
    /**
     * The sources whose sender nobody verified: the readings of mails anyone can send by the generic
     * reader, the model, and the website form's parser (recognised by text or subject, not sender).
     * Such a report never links to another source's booking (see {@code BookingRepository.upsert}).
     */
    public static final Set<String> SENDER_UNVERIFIED = Set.of("generic", "llm", "website");
    /** Notes longer than this are cut: a channel's long text never keeps its booking out. */
    public static final int MAX_NOTES = 2000;

    /**
     * The same report as another booking's: a channel manager's reservation (Smoobu's) that turns
     * out to be a booking another source reported first is stored as that one.
     */
    public Booking as(String otherSource, String otherExternalId) {
        return new Booking(otherSource, otherExternalId, guestName, phone, email, language, arrival, departure, adults,
                children, apartment, flightNumber, status, notes);
    }

    /** A cancellation that says nothing but which booking: what the booking says besides stays. */
    public static Booking cancellation(String source, String externalId) {
        return new Booking(source, externalId, null, null, null, null, null, null, null, null, null, null, CANCELLED,
                null);
    }

    /** The same report as a cancellation. */
    public Booking cancelled() {
        return new Booking(source, externalId, guestName, phone, email, language, arrival, departure, adults, children,
                apartment, flightNumber, CANCELLED, notes);
    }

    /** A channel's notes as stored: stripped, at most {@link #MAX_NOTES} characters; null for none ("", "-"). */
    public static String notes(String raw) {
        String notes = raw == null ? "" : raw.strip();
        if (notes.isEmpty() || notes.chars().allMatch(ch -> ch == '-' || ch == '–' || ch == '/')) {
            return null;
        }
        return notes.length() > MAX_NOTES ? notes.substring(0, MAX_NOTES) : notes;
    }
}
