-- A step is recorded for the day its message named (journey_steps.day: the arrival for the welcome
-- and the pre-arrival message, the departure for the check-out message), so a guest whose stay moved
-- gets the pre-arrival and check-out messages again for the new dates, once per date; the welcome
-- stays once per booking (journey_steps_one_welcome). SQLite cannot change a table's UNIQUE, so the
-- table is rebuilt; its rows and ids stay (the new table has no capture triggers yet: the rows are
-- the same on both nodes, each computes them from its own replicated bookings; what waits to be
-- shipped is completed below).
CREATE TABLE journey_steps_new (
    id          INTEGER PRIMARY KEY,
    booking_id  INTEGER NOT NULL REFERENCES bookings (id),
    step        TEXT    NOT NULL,
    day         TEXT,               -- ISO date the message named; null only for V10's welcomes without one
    outbox_id   INTEGER,            -- not a foreign key: retention deletes outbox rows by age
    sent_at     INTEGER NOT NULL,
    UNIQUE (booking_id, step, day)
);
-- What was sent before the upgrade counts as sent for the booking's dates as they are now: nobody
-- gets a step again after the upgrade.
INSERT INTO journey_steps_new (id, booking_id, step, day, outbox_id, sent_at)
    SELECT j.id, j.booking_id, j.step, CASE j.step WHEN 'check-out' THEN b.departure ELSE b.arrival END,
        j.outbox_id, j.sent_at
    FROM journey_steps j LEFT JOIN bookings b ON b.id = j.booking_id;
DROP TABLE journey_steps;
ALTER TABLE journey_steps_new RENAME TO journey_steps;
CREATE INDEX journey_steps_by_outbox ON journey_steps (outbox_id);
CREATE UNIQUE INDEX journey_steps_one_welcome ON journey_steps (booking_id) WHERE step = 'welcome';
-- Steps recorded before the upgrade and not yet shipped to the peer (a standby down meanwhile) wait
-- in change_log without a day; the peer would store them so and, after a failover, send them again.
-- They get the day the rows above got.
UPDATE change_log SET row_data = json_set(row_data, '$.day', (SELECT CASE json_extract(change_log.row_data, '$.step')
        WHEN 'check-out' THEN b.departure ELSE b.arrival END FROM bookings b
        WHERE b.id = json_extract(change_log.row_data, '$.booking_id')))
    WHERE tbl = 'journey_steps' AND op = 'upsert';
-- The journey asks for a guest's other bookings (Journey.coveredByAnother) at every run.
CREATE INDEX bookings_guest ON bookings (guest_id);
