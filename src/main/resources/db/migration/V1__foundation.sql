-- Foundation schema. Times are epoch milliseconds, UTC. Phone numbers and e-mails are stored
-- encrypted (*_enc, AES-256-GCM) and looked up through a keyed blind index (*_hash).

CREATE TABLE guests (
    id               INTEGER PRIMARY KEY,
    phone_hash       TEXT    NOT NULL UNIQUE,
    phone_enc        TEXT    NOT NULL,
    email_hash       TEXT,
    email_enc        TEXT,
    name             TEXT,
    language         TEXT,
    opted_out        INTEGER NOT NULL DEFAULT 0,
    needs_attention  INTEGER NOT NULL DEFAULT 0,
    last_inbound_at  INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX guests_email_hash ON guests (email_hash);

CREATE TABLE bookings (
    id             INTEGER PRIMARY KEY,
    guest_id       INTEGER NOT NULL REFERENCES guests (id),
    source         TEXT    NOT NULL,
    external_id    TEXT    NOT NULL,
    arrival        TEXT,
    departure      TEXT,
    adults         INTEGER,
    children       INTEGER,
    apartment      TEXT,
    flight_number  TEXT,
    status         TEXT    NOT NULL DEFAULT 'confirmed',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (source, external_id)
);

-- Every message in and out. Inbound rows are the durable record a webhook is acknowledged on;
-- processed_at is set in the same transaction as the concierge's reply.
CREATE TABLE messages (
    id                   INTEGER PRIMARY KEY,
    guest_id             INTEGER NOT NULL REFERENCES guests (id),
    direction            TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    provider             TEXT    NOT NULL,
    provider_message_id  TEXT,
    body                 TEXT,
    language             TEXT,
    intent               TEXT,
    status               TEXT    NOT NULL,
    in_reply_to          INTEGER REFERENCES messages (id),
    processed_at         INTEGER,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
CREATE UNIQUE INDEX messages_provider_message ON messages (provider, direction, provider_message_id)
    WHERE provider_message_id IS NOT NULL;
CREATE INDEX messages_unprocessed ON messages (id) WHERE direction = 'in' AND processed_at IS NULL;
CREATE INDEX messages_guest ON messages (guest_id, created_at);

-- Work queue for outbound messages, written in the same transaction as the message it sends.
-- state: queued -> sending -> done | held | cancelled | dead.
-- send_started_at is set while a request may be at the provider: a row found 'sending' with it
-- set after a crash may have been delivered, so it is never sent again automatically.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    message_id       INTEGER NOT NULL UNIQUE REFERENCES messages (id),
    guest_id         INTEGER NOT NULL REFERENCES guests (id),
    purpose          TEXT    NOT NULL,
    template_name    TEXT,
    state            TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    send_started_at  INTEGER,
    last_error       TEXT,
    epoch            INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

CREATE TABLE dead_letters (
    id           INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL,
    reference    TEXT,
    error        TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    replayed_at  INTEGER
);

-- Webhook idempotency keys when Redis is not configured (camel-sql's JdbcMessageIdRepository layout).
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName  VARCHAR(255) NOT NULL,
    messageId      VARCHAR(100) NOT NULL,
    createdAt      TIMESTAMP    NOT NULL,
    PRIMARY KEY (processorName, messageId)
);
