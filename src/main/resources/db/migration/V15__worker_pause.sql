-- The pause of the cloud-facing work (route group cloud; mesh/WorkerControl): one row, written where
-- PAUSE_WORKERS, RESUME_WORKERS and the night and idle schedule (watchers/Schedules) act. paused_by
-- says who last changed it (schedule-night, schedule-idle, schedule, command:<API key id>), reason
-- why it is paused (night, idle, command; NULL once resumed), since when (epoch ms). A node applies
-- it at start-up and when it takes over; the table replicates like every other one.
CREATE TABLE worker_pause (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    paused     INTEGER NOT NULL DEFAULT 0,
    paused_by  TEXT,
    reason     TEXT,
    since      INTEGER
);
INSERT INTO worker_pause (id, paused) VALUES (1, 0);
