-- Flight notices (watchers/FlightWatch): one row per (booking, change) a guest was told of, written
-- in the transaction that queues the message, so each distinct change goes out once, also across a
-- restart and a failover (the table replicates). notice_key: flight, its date, the kind of change
-- and, for a delay, the new arrival rounded to 5 minutes. expected_arrival: the arrival the guest
-- was told (epoch ms), the baseline of the next change.
CREATE TABLE flight_notices (
    booking_id        INTEGER NOT NULL,
    notice_key        TEXT    NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('delay', 'cancelled', 'diverted')),
    expected_arrival  INTEGER,
    outbox_id         INTEGER,
    notified_at       INTEGER NOT NULL,
    PRIMARY KEY (booking_id, notice_key)
);
