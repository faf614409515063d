-- Weather alerts told (watchers/WeatherWatch): one row per guest and alert (sender, event, start),
-- written in the transaction that queues the message, so an alert goes to a guest once, also across
-- a restart and a failover (the table replicates).
CREATE TABLE weather_notices (
    guest_id     INTEGER NOT NULL,
    alert_key    TEXT    NOT NULL,
    outbox_id    INTEGER,
    notified_at  INTEGER NOT NULL,
    PRIMARY KEY (guest_id, alert_key)
);
