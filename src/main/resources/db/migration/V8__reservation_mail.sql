-- Reservation e-mails no parser could read (reservation/ReservationMails): the mail itself stays in
-- the mailbox's quarantine folder (imap.quarantine-folder); here only its Message-ID (or, for a
-- mail without one, the key the hub gave it) and why it was set aside. Nothing of its text.
CREATE TABLE quarantined_mails (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    quarantined_at INTEGER NOT NULL
);
CREATE INDEX quarantined_mails_message ON quarantined_mails (message_id);
