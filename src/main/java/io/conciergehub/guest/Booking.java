package io.conciergehub.guest;

import java.time.LocalDate;

/**
 * A reservation as a channel (Smoobu, Booking.com, the cloud's sync) reports it. Any field but
 * {@code source} and {@code externalId} may be null: null means "not reported", never "clear it".
 */
public record Booking(String source, String externalId, String guestName, String phone, String email,
        String language, LocalDate arrival, LocalDate departure, Integer adults, Integer children, String apartment,
        String flightNumber, String status) {

    public static final String CONFIRMED = "confirmed";
    public static final String CANCELLED = "cancelled";
}
