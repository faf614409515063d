package io.conciergehub.reservation;

/** A mail no parser could read as a booking; the reason goes with it to the quarantine folder. */
public class UnreadableReservation extends Exception {

    public UnreadableReservation(String reason) {
        super(reason);
    }
}
