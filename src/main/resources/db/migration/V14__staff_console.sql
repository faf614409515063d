-- The staff console (io.conciergehub.console, docs/console.md): one account per person, and the
-- sessions they opened. Ordinary tables, so they replicate to the standby like every other one.

-- Names are unique whatever their case (ASCII letters, digits and . _ @ - only, so NOCASE is exact).
-- password_hash: Argon2id in the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash), never
-- the password. failed_logins counts consecutive failures; at console.lockout-after the account is
-- locked until locked_until (epoch milliseconds).
CREATE TABLE staff_accounts (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'staff')),
    password_hash   TEXT    NOT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

-- One row per login: sid is the session's id in its JWTs; refresh_hash the SHA-256 of the current
-- refresh token (the token itself is only in the browser's cookie), previous_hash the one it
-- replaced (presented again, it was stolen: the session is revoked). A session ends at expires_at
-- (console.refresh-ttl after the login) or when revoked (logout, log out everywhere, account
-- disabled, password reset).
CREATE TABLE staff_sessions (
    id              INTEGER PRIMARY KEY,
    sid             TEXT    NOT NULL UNIQUE,
    account_id      INTEGER NOT NULL REFERENCES staff_accounts (id),
    refresh_hash    TEXT    NOT NULL UNIQUE,
    previous_hash   TEXT,
    created_at      INTEGER NOT NULL,
    refreshed_at    INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    revoked_at      INTEGER
);
CREATE INDEX staff_sessions_account ON staff_sessions (account_id);
CREATE INDEX staff_sessions_previous ON staff_sessions (previous_hash);
