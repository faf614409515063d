-- The guest journey (io.conciergehub.journey): one row per booking and step sent, written in the
-- same transaction as the step's outbox row, so a step is queued exactly once, across restarts and,
-- through replication, across a failover to the standby.
CREATE TABLE journey_steps (
    id          INTEGER PRIMARY KEY,
    booking_id  INTEGER NOT NULL REFERENCES bookings (id),
    step        TEXT    NOT NULL,
    outbox_id   INTEGER,            -- not a foreign key: retention deletes outbox rows by age
    sent_at     INTEGER NOT NULL,
    UNIQUE (booking_id, step)
);

-- A scheduled message carries its own template for a closed 24-hour window (instead of
-- messaging.window-template) and the template's language.
ALTER TABLE outbox ADD COLUMN window_template TEXT;
ALTER TABLE outbox ADD COLUMN template_language TEXT;

-- Bookings the hub knew before the journey existed were welcomed long ago, if at all: no late
-- welcome for them (outbox_id NULL: nothing was queued). Their later steps go out as usual.
INSERT INTO journey_steps (booking_id, step, sent_at)
    SELECT id, 'welcome', CAST(strftime('%s', 'now') AS INTEGER) * 1000 FROM bookings;
