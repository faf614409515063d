-- A command's idempotency key belongs to the API key that used it (key_id), as Stripe's do: the
-- same idempotencyKey from another API key is another command, and tells that caller nothing of the
-- first. SQLite cannot drop a column's UNIQUE, so the table is rebuilt; its rows and ids stay (the
-- keys were unique in the whole table, so they are unique per API key too). The standby applies
-- rows by their primary key (id), which is unchanged; the change capture's triggers are generated
-- again at start, after the migrations.
CREATE TABLE commands_new (
    id               TEXT    PRIMARY KEY,
    idempotency_key  TEXT,
    request_hash     TEXT    NOT NULL,
    action           TEXT    NOT NULL,
    payload_enc      TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    result           TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    key_id           TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (key_id, idempotency_key)
);
INSERT INTO commands_new (id, idempotency_key, request_hash, action, payload_enc, state, result, attempts, key_id,
        created_at, updated_at)
    SELECT id, idempotency_key, request_hash, action, payload_enc, state, result, attempts, key_id, created_at,
        updated_at FROM commands;
DROP TABLE commands;
ALTER TABLE commands_new RENAME TO commands;
CREATE INDEX commands_queued ON commands (created_at) WHERE state IN ('queued', 'running');
