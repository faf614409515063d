package io.conciergehub.reservation;

/**
 * A mail no parser recognises: no source's parser claims it and the generic "label: value" reader
 * cannot read it either. With an LLM configured such a mail goes to the model
 * ({@link ReservationExtraction}); without, it is quarantined like any unreadable mail. A mail a
 * source's parser recognised but found broken is never this.
 */
public final class UnrecognisedReservation extends UnreadableReservation {

    public UnrecognisedReservation(String reason) {
        super(reason);
    }
}
