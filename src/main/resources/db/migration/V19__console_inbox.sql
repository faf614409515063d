-- The staff console's inbox (console/InboxApi, docs/console.md "Inbox").
-- taken_by: who holds the guest's conversation (the caller's id, staff:<name> for an account), so
-- two people do not answer the same guest; taken_at since when. resolved_at/resolved_by: when and by
-- whom it was last marked resolved (the flag and the take cleared); a take or a reply reopens it.
ALTER TABLE guests ADD COLUMN taken_by TEXT;
ALTER TABLE guests ADD COLUMN taken_at INTEGER;
ALTER TABLE guests ADD COLUMN resolved_at INTEGER;
ALTER TABLE guests ADD COLUMN resolved_by TEXT;

-- Who wrote an outbound message: staff:<name> for a staff member's reply; NULL for the hub's own
-- (the concierge's answers, the journey, notices, API commands).
ALTER TABLE messages ADD COLUMN sent_by TEXT;

-- The Idempotency-Key of a staff reply: the same key from the same caller answers with the message
-- it made the first time and sends nothing again. request_hash (SHA-256 of what was asked) tells a
-- retry from a different reply under a reused key. message_id is not a foreign key: retention
-- deletes messages by age; rows older than a day are deleted by the next reply.
CREATE TABLE console_replies (
    id               INTEGER PRIMARY KEY,
    account          TEXT    NOT NULL,
    idempotency_key  TEXT    NOT NULL,
    request_hash     TEXT    NOT NULL,
    guest_id         INTEGER NOT NULL,
    message_id       INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    UNIQUE (account, idempotency_key)
);
CREATE INDEX console_replies_created ON console_replies (created_at);
