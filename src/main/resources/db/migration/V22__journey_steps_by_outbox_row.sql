-- The outbox asks, as it sends a journey message, whether the booking the journey queued it for was
-- cancelled since (JourneySendCheck): by the message's outbox row, which would otherwise be a scan of
-- every step of every booking, inside the write lock.
CREATE INDEX journey_steps_by_outbox ON journey_steps (outbox_id);
