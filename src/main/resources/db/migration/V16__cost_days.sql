-- What paid calls cost (ops/CostMeter), per day (in concierge.timezone) and item: FlightAware result
-- sets, LLM tokens, WhatsApp template messages. Written with the call's own bookkeeping where it has
-- a transaction; replicated, so the standby's month continues the primary's.
CREATE TABLE cost_days (
    day    TEXT    NOT NULL,
    item   TEXT    NOT NULL,
    calls  INTEGER NOT NULL DEFAULT 0,
    units  INTEGER NOT NULL DEFAULT 0,
    cost   REAL    NOT NULL DEFAULT 0,
    PRIMARY KEY (day, item)
);
