-- Replication to the peer node (failover). Triggers generated at start-up by ChangeCapture append
-- every insert, update and delete of the replicated tables (all tables but these two and Flyway's)
-- to change_log in the writing transaction; the active node ships the log to its peer in order.

CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl       TEXT    NOT NULL,
    op        TEXT    NOT NULL CHECK (op IN ('upsert', 'delete')),
    row_key   TEXT    NOT NULL,   -- JSON object of the primary key columns
    row_data  TEXT,               -- JSON object of every column (upsert only)
    at        INTEGER NOT NULL    -- epoch milliseconds, for the replication lag
);

-- One row. capturing: the triggers write to change_log (1 while a peer is configured and this
-- node is not applying its peer's changes). source_node/applied_seq: how far this database has
-- applied the log of the node it follows, committed with the changes themselves.
CREATE TABLE replication (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    capturing    INTEGER NOT NULL DEFAULT 0,
    source_node  TEXT,
    applied_seq  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO replication (id) VALUES (1);

