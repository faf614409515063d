-- Why and since when a guest needs staff (needs_attention = 1): the concierge's reason
-- (not_understood, asked_for_person) and the time it flagged the guest, epoch milliseconds.
-- Both are cleared with the flag (RESOLVE_GUEST, or UPDATE_GUEST with needsAttention false).
ALTER TABLE guests ADD COLUMN attention_reason TEXT;
ALTER TABLE guests ADD COLUMN attention_since INTEGER;
CREATE INDEX guests_needs_attention ON guests (needs_attention, attention_since);

-- Staff alerts: one row per flag, written in the transaction that flags the guest, so an alert is
-- neither lost nor repeated per message. Each channel configured at that time is pending until
-- it took the alert; a failed attempt waits next_attempt_at. The question is read from message_id,
-- not a foreign key: deleting old messages (retention) must not be held up by an alert.
CREATE TABLE staff_alerts (
    id               INTEGER PRIMARY KEY,
    guest_id         INTEGER NOT NULL REFERENCES guests (id),
    message_id       INTEGER NOT NULL,
    reason           TEXT    NOT NULL,
    slack_pending    INTEGER NOT NULL,
    email_pending    INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX staff_alerts_due ON staff_alerts (next_attempt_at) WHERE slack_pending = 1 OR email_pending = 1;
