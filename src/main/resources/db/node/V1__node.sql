-- node.db: what belongs to this node and is never replicated or replaced by a snapshot.

-- node_id, epoch, peer_acked_seq, as text values.
CREATE TABLE node_state (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Webhook events a passive node accepted, waiting to be relayed to the active node (or to be
-- stored here, should this node become active first). event_enc: the parsed event as JSON,
-- encrypted (it carries the guest's phone number).
CREATE TABLE relay_queue (
    id               INTEGER PRIMARY KEY,
    idempotency_key  TEXT    NOT NULL UNIQUE,
    event_enc        TEXT    NOT NULL,
    received_at      INTEGER NOT NULL
);
