package io.conciergehub.reservation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Smoobu webhook asks: its action, the reservation's id, and the reservation as the webhook
 * (or, with an API key, Smoobu's API) describes it. {@code reservation} is null for an ignored action;
 * {@code path} is where it sits in the request ("data."), to name a field at fault.
 */
public record SmoobuNotice(Kind kind, String action, String reservationId, JsonNode reservation, String path) {

    public enum Kind {
        /** newReservation, updateReservation: store the booking. */
        RESERVATION,
        /** cancelReservation, deleteReservation, or a reservation whose type is "cancellation". */
        CANCELLATION,
        /** Anything else Smoobu sends (newMessage, updateRates, timeline events): answered 200, nothing stored. */
        IGNORED
    }
}
