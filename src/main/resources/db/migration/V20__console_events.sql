-- The staff console's live feed (console/LiveFeed, docs/console.md "Live feed"): one row per change
-- an open console should hear of, written by the triggers below in the transaction of the change
-- itself, so no writer of messages or guests needs to know of the console. No message text: the
-- page refetches what it shows through the console's API. seq orders the feed; a page that
-- reconnects asks for the rows after the last seq it saw (resume). The table is not replicated
-- (failover/ChangeCapture.NOT_REPLICATED): each node fills its own through these triggers, which
-- fire on the standby's replicated writes too. Rows older than console.live-keep are deleted.
CREATE TABLE console_events (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    kind      TEXT    NOT NULL CHECK (kind IN ('message', 'status', 'flag', 'take', 'resolve')),
    guest_id  INTEGER,
    at        INTEGER NOT NULL
);
CREATE INDEX console_events_at ON console_events (at);

-- A message in or out.
CREATE TRIGGER console_events_message AFTER INSERT ON messages
BEGIN
    INSERT INTO console_events (kind, guest_id, at)
    VALUES ('message', NEW.guest_id, COALESCE(NEW.created_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)));
END;

-- An answer's state: queued, sent, delivered, read, held, failed.
CREATE TRIGGER console_events_status AFTER UPDATE OF status ON messages
WHEN OLD.status IS NOT NEW.status
BEGIN
    INSERT INTO console_events (kind, guest_id, at)
    VALUES ('status', NEW.guest_id, COALESCE(NEW.updated_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)));
END;

-- A guest flagged for staff or cleared, its reason, its opt-out.
CREATE TRIGGER console_events_flag AFTER UPDATE ON guests
WHEN OLD.needs_attention IS NOT NEW.needs_attention OR OLD.attention_reason IS NOT NEW.attention_reason
    OR OLD.opted_out IS NOT NEW.opted_out
BEGIN
    INSERT INTO console_events (kind, guest_id, at)
    VALUES ('flag', NEW.id, COALESCE(NEW.updated_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)));
END;
