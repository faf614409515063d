-- Smoobu's webhooks (reservation/SmoobuReservations): per Smoobu reservation id, the modifiedAt of
-- the last webhook applied, so a duplicate or an older webhook that arrives late changes nothing;
-- whether Smoobu cancelled it (a cancelled reservation stays cancelled); and the booking it is
-- stored as: the Smoobu booking, or another channel's booking with the same reference
-- (Smoobu's reference-id is e.g. the Booking.com number). booking_id is NULL for a cancellation
-- of a reservation the hub never knew. modified_at: ISO local date-time, as Smoobu's clock reads.
CREATE TABLE smoobu_reservations (
    reservation_id  TEXT    PRIMARY KEY,
    modified_at     TEXT    NOT NULL,
    cancelled       INTEGER NOT NULL DEFAULT 0,
    booking_id      INTEGER,
    updated_at      INTEGER NOT NULL
);
