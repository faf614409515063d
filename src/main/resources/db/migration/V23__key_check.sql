-- The key check value of the key this database's personal data is encrypted under (store/KeyCheck):
-- an HMAC of a fixed label under the key, never the key. A start with another key stops (exit 2)
-- instead of taking the stored phones, names and texts for unreadable. Each node writes its own
-- (failover/ChangeCapture.NOT_REPLICATED); a snapshot from the peer brings the peer's, the same when
-- the pair shares its key, as it must.
CREATE TABLE key_check (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value TEXT NOT NULL
);
