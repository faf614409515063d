-- Answers to one guest leave in the order the guest's messages arrived (messaging/Outbox): a row
-- goes only when no earlier row of its guest is still to be sent. Answers that queued behind one
-- held by the per-recipient pacing go out with it as one message: their rows take the state
-- 'merged' and name the row they went with (merged_into), committed in one transaction, so a
-- crash neither loses nor repeats them. A merged row's progress reads as that row's.
ALTER TABLE outbox ADD COLUMN merged_into INTEGER; -- not a foreign key: retention deletes rows by age
CREATE INDEX outbox_guest ON outbox (guest_id, state);
CREATE INDEX outbox_merged_into ON outbox (merged_into) WHERE merged_into IS NOT NULL;
