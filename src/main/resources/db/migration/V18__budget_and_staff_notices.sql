-- Staff notices beside the staff alerts: the hub's own messages to staff (the budget alert, the
-- weekly and monthly reports; watchers/Budget, watchers/Reports) go through the same delivery as the
-- alerts for flagged guests (concierge-alerts, pending per channel, retried with back-off). A notice
-- has no guest and no message; it carries its subject and text, and notice_key makes it once per
-- key (e.g. budget-alert:2027-04, report-weekly:2027-04-05) whoever asks twice. SQLite cannot drop
-- NOT NULL, so the table is rebuilt; its rows and ids stay.
CREATE TABLE staff_alerts_new (
    id               INTEGER PRIMARY KEY,
    guest_id         INTEGER REFERENCES guests (id),
    message_id       INTEGER,
    reason           TEXT    NOT NULL,
    slack_pending    INTEGER NOT NULL,
    email_pending    INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    notice_key       TEXT UNIQUE,
    subject          TEXT,
    text             TEXT,
    CHECK ((guest_id IS NULL) = (notice_key IS NOT NULL))
);
INSERT INTO staff_alerts_new (id, guest_id, message_id, reason, slack_pending, email_pending, attempts,
        next_attempt_at, last_error, created_at, updated_at)
    SELECT id, guest_id, message_id, reason, slack_pending, email_pending, attempts, next_attempt_at, last_error,
        created_at, updated_at FROM staff_alerts;
DROP TABLE staff_alerts;
ALTER TABLE staff_alerts_new RENAME TO staff_alerts;
CREATE INDEX staff_alerts_due ON staff_alerts (next_attempt_at) WHERE slack_pending = 1 OR email_pending = 1;

-- A second stored pause beside the workers' (row 1, route group cloud): row 2 holds the paid
-- pollers (routes flights and weather), which the budget pauses at 100 % of costs.monthly-budget
-- until the next month or RESUME_WORKERS (mesh/WorkerControl). Same columns, same meaning.
CREATE TABLE worker_pause_new (
    id         INTEGER PRIMARY KEY CHECK (id IN (1, 2)),
    paused     INTEGER NOT NULL DEFAULT 0,
    paused_by  TEXT,
    reason     TEXT,
    since      INTEGER
);
INSERT INTO worker_pause_new (id, paused, paused_by, reason, since)
    SELECT id, paused, paused_by, reason, since FROM worker_pause;
DROP TABLE worker_pause;
ALTER TABLE worker_pause_new RENAME TO worker_pause;
INSERT INTO worker_pause (id, paused) VALUES (2, 0);
