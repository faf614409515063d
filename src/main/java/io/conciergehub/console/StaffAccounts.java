package io.conciergehub.console;

import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The staff accounts in the hub's database ({@code staff_accounts}): one per person, never
 * deleted (disabled instead, so the audit trail keeps its names). Every change leaves a row in the
 * {@code audit} table naming who made it ({@code key_id}: {@code staff:<name>} for a console
 * session, the API key's id, or {@code cli} for the {@code staff} sub-command) and the account
 * ({@code reference}: {@code staff:<name>}), in the transaction that makes the change.
 */
public final class StaffAccounts {

    /** Letters, digits and {@code . _ @ -}, starting with a letter or digit: safe in logs, URLs and cookies. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final String COLUMNS = "id, name, role, disabled, failed_logins, locked_until, created_at, updated_at";

    /** An account and its password hash, for a login only. */
    record WithHash(StaffAccount account, String passwordHash) {
    }

    /** The name is taken (whatever its case). */
    public static final class NameTaken extends RuntimeException {
        NameTaken() {
            super("an account with this name exists");
        }
    }

    private final Database db;
    private final Clock clock;

    public StaffAccounts(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Why {@code name} may not name an account, or empty. Never repeats the name. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is required");
        }
        return NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("must be 1 to 64 letters, digits and . _ @ -, starting with a letter or digit");
    }

    /** Creates an account; {@link NameTaken} when the name is in use, in any case. */
    public StaffAccount create(String name, StaffRole role, String passwordHash, String actor) {
        long now = clock.millis();
        return db.write(c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM staff_accounts WHERE name = ?", name) > 0) {
                throw new NameTaken();
            }
            long id = Sql.insert(c, "INSERT INTO staff_accounts (name, role, password_hash, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)", name, role.label(), passwordHash, now, now);
            audit(c, actor, "console.staff.create", name, "created:" + role.label(), now);
            return byId(c, id).orElseThrow();
        });
    }

    public Optional<StaffAccount> find(String name) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM staff_accounts WHERE name = ?",
                StaffAccounts::account, name));
    }

    Optional<WithHash> findWithHash(String name) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + ", password_hash FROM staff_accounts WHERE name = ?",
                row -> new WithHash(account(row), row.getString("password_hash")), name));
    }

    /** Every account, by name. */
    public List<StaffAccount> list() {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM staff_accounts ORDER BY name COLLATE NOCASE",
                StaffAccounts::account));
    }

    /**
     * Disables the account (its sessions end at once: every refresh token is revoked, and a JWT is
     * refused on its next request) or enables it again (which also lifts a lock-out).
     */
    public Optional<StaffAccount> setDisabled(String name, boolean disabled, String actor) {
        return change(name, actor, disabled ? "console.staff.disable" : "console.staff.enable",
                disabled ? "disabled" : "enabled", (c, id, now) -> {
                    if (disabled) {
                        Sql.update(c, "UPDATE staff_accounts SET disabled = 1, updated_at = ? WHERE id = ?", now, id);
                        StaffSessions.revokeAll(c, id, now);
                    } else {
                        Sql.update(c, "UPDATE staff_accounts SET disabled = 0, failed_logins = 0, locked_until = NULL,"
                                + " updated_at = ? WHERE id = ?", now, id);
                    }
                });
    }

    /** Sets a new password hash; the account's sessions end and a lock-out is lifted. */
    public Optional<StaffAccount> setPassword(String name, String passwordHash, String actor) {
        return change(name, actor, "console.staff.password", "reset", (c, id, now) -> {
            Sql.update(c, "UPDATE staff_accounts SET password_hash = ?, failed_logins = 0, locked_until = NULL,"
                    + " updated_at = ? WHERE id = ?", passwordHash, now, id);
            StaffSessions.revokeAll(c, id, now);
        });
    }

    private interface Change {
        void apply(Connection c, long id, long now) throws SQLException;
    }

    /** One change of the named account and its audit row, in one transaction; empty when no account has the name. */
    private Optional<StaffAccount> change(String name, String actor, String action, String outcome, Change change) {
        long now = clock.millis();
        return db.write(c -> {
            Optional<StaffAccount> account = Sql.one(c, "SELECT " + COLUMNS + " FROM staff_accounts WHERE name = ?",
                    StaffAccounts::account, name);
            if (account.isEmpty()) {
                return account;
            }
            change.apply(c, account.get().id(), now);
            audit(c, actor, action, account.get().name(), outcome, now);
            return byId(c, account.get().id());
        });
    }

    /**
     * Counts a failed login; the {@code lockoutAfter}-th in a row locks the account for
     * {@code lockoutMillis}. Answers the time the lock ends, or null.
     */
    Long loginFailed(long id, int lockoutAfter, long lockoutMillis) {
        long now = clock.millis();
        return db.write(c -> {
            Sql.update(c, "UPDATE staff_accounts SET failed_logins = failed_logins + 1 WHERE id = ?", id);
            long failures = Sql.count(c, "SELECT failed_logins FROM staff_accounts WHERE id = ?", id);
            if (failures < lockoutAfter) {
                return null;
            }
            long until = now + lockoutMillis;
            Sql.update(c, "UPDATE staff_accounts SET failed_logins = 0, locked_until = ? WHERE id = ?", until, id);
            return until;
        });
    }

    void loginSucceeded(long id) {
        db.write(c -> Sql.update(c, "UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL WHERE id = ?"
                + " AND (failed_logins > 0 OR locked_until IS NOT NULL)", id));
    }

    /** One row of the audit table: who ({@code actor}) did what to which account, and how it ended. */
    static void audit(Connection c, String actor, String action, String account, String outcome, long now)
            throws SQLException {
        Sql.insert(c, "INSERT INTO audit (at, key_id, action, reference, outcome) VALUES (?, ?, ?, ?, ?)", now, actor,
                action, "staff:" + account, outcome);
    }

    private static Optional<StaffAccount> byId(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM staff_accounts WHERE id = ?", StaffAccounts::account, id);
    }

    static StaffAccount account(ResultSet row) throws SQLException {
        Object lockedUntil = row.getObject("locked_until");
        return new StaffAccount(row.getLong("id"), row.getString("name"),
                StaffRole.of(row.getString("role")).orElseThrow(), row.getInt("disabled") != 0,
                row.getInt("failed_logins"), lockedUntil == null ? null : ((Number) lockedUntil).longValue(),
                row.getLong("created_at"), row.getLong("updated_at"));
    }
}
