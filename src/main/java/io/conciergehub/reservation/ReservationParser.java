package io.conciergehub.reservation;

import io.conciergehub.guest.Booking;

/** Reads the confirmation e-mails of one source (Booking.com, Airbnb, Expedia, Smoobu, a hotel's website…). */
public interface ReservationParser {

    /** The most adults, or children, a booking read from a mail may have; more is a misread field. */
    int MAX_GUESTS = 99;

    /** The booking's source as stored ("booking.com", "airbnb", …). */
    String source();

    /** Whether the mail is this source's, by its sender and subject. */
    boolean recognises(ReservationMail mail);

    /**
     * The booking the mail confirms (status {@link Booking#CANCELLED} for a cancellation).
     *
     * @throws UnreadableReservation when a field the booking needs is missing or does not parse
     */
    Booking parse(ReservationMail mail) throws UnreadableReservation;
}
