-- Watchers' notices go to a guest in batches (the aggregate EIP, notifications.batch-window). A
-- batch is queued to the outbox once: a batch the aggregation repository recovers after a crash
-- between queueing it and confirming it finds its row here and is not queued again.
CREATE TABLE queued_notice_batches (
    batch_id  TEXT PRIMARY KEY,
    queued_at INTEGER NOT NULL
);
