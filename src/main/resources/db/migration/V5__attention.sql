-- Why and since when a guest needs staff (needs_attention = 1): the concierge's reason
-- (not_understood, asked_for_person) and the time it flagged the guest, epoch milliseconds.
-- Both are cleared with the flag (RESOLVE_GUEST, or UPDATE_GUEST with needsAttention false).
ALTER TABLE guests ADD COLUMN attention_reason TEXT;
ALTER TABLE guests ADD COLUMN attention_since INTEGER;
CREATE INDEX guests_needs_attention ON guests (needs_attention, attention_since);
