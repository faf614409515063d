-- The inbox's takes and resolves (V19) reach open consoles as live feed rows (V20's console_events),
-- written in the transaction of the change like the other kinds. A take handed on or released is a
-- 'take'; a resolution (or a conversation reopened) is a 'resolve'.
CREATE TRIGGER console_events_take AFTER UPDATE OF taken_by ON guests
WHEN OLD.taken_by IS NOT NEW.taken_by
BEGIN
    INSERT INTO console_events (kind, guest_id, at)
    VALUES ('take', NEW.id, COALESCE(NEW.taken_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)));
END;

CREATE TRIGGER console_events_resolve AFTER UPDATE OF resolved_at ON guests
WHEN OLD.resolved_at IS NOT NEW.resolved_at
BEGIN
    INSERT INTO console_events (kind, guest_id, at)
    VALUES ('resolve', NEW.id, COALESCE(NEW.resolved_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)));
END;
