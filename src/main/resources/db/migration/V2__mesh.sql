-- Mesh gateway: commands from outside systems, their audit trail, and the buffer of domain events
-- on their way to the cloud sink. Times are epoch milliseconds, UTC.

-- A guest's stay status as staff tools and the cloud job runner set it (UPDATE_GUEST).
ALTER TABLE guests ADD COLUMN status TEXT;

-- state: queued -> running -> succeeded | failed. payload_enc is the request's payload,
-- encrypted (it carries phone numbers); result is JSON without personal data.
CREATE TABLE commands (
    id               TEXT    PRIMARY KEY,
    idempotency_key  TEXT    UNIQUE,
    request_hash     TEXT    NOT NULL,
    action           TEXT    NOT NULL,
    payload_enc      TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    result           TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    key_id           TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX commands_queued ON commands (created_at) WHERE state IN ('queued', 'running');

-- Who did what through the API, and how it ended: one row per command.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    key_id      TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    reference   TEXT,
    outcome     TEXT    NOT NULL
);

-- Domain events not yet acknowledged by the sink, in the order they happened (id). A row is
-- deleted once the sink acknowledged it; event_id is the idempotency key the sink sees.
CREATE TABLE buffered_events (
    id               INTEGER PRIMARY KEY,
    event_id         TEXT    NOT NULL UNIQUE,
    type             TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    occurred_at      INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT
);

ALTER TABLE dead_letters ADD COLUMN payload TEXT;

-- Template placeholders of a message sent as a template (SEND_MESSAGE with customFields), JSON.
ALTER TABLE outbox ADD COLUMN template_fields TEXT;
