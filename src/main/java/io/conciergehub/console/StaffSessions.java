package io.conciergehub.console;

import io.conciergehub.store.Database;
import io.conciergehub.store.Digests;
import io.conciergehub.store.Sql;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Console sessions ({@code staff_sessions}): one per login, identified in its JWTs by {@code sid},
 * kept alive by a refresh token. The token (32 random bytes) lives only in the browser's cookie;
 * the table holds its SHA-256. Each refresh replaces it (rotation); the replaced one, presented
 * again, means it was copied: the session is revoked. A session ends {@code refreshTtl} after its
 * login, at logout, at "log out everywhere", and when its account is disabled or its password reset.
 */
public final class StaffSessions {

    /** A session just opened or refreshed: the token goes into the cookie, and nowhere else. */
    public record Issued(String sid, String refreshToken, long expiresAt) {
    }

    /** A refreshed session and the account it belongs to. */
    public record Refreshed(Issued issued, StaffAccount account) {
    }

    private final Database db;
    private final Clock clock;
    private final long refreshTtlMillis;
    private final SecureRandom random = new SecureRandom();

    public StaffSessions(Database db, Clock clock, long refreshTtlMillis) {
        this.db = db;
        this.clock = clock;
        this.refreshTtlMillis = refreshTtlMillis;
    }

    /** Opens a session for the account after a good login; forgets sessions that ended a day ago or more. */
    public Issued open(StaffAccount account) {
        long now = clock.millis();
        String sid = token(18);
        String refresh = refreshToken(sid);
        long expiresAt = now + refreshTtlMillis;
        db.write(c -> {
            Sql.update(c, "DELETE FROM staff_sessions WHERE expires_at < ? OR revoked_at < ?", now - 86_400_000L,
                    now - 86_400_000L);
            Sql.insert(c, "INSERT INTO staff_sessions (sid, account_id, refresh_hash, created_at, refreshed_at,"
                    + " expires_at) VALUES (?, ?, ?, ?, ?, ?)", sid, account.id(), hash(refresh), now, now, expiresAt);
            StaffAccounts.audit(c, actor(account), "console.login", account.name(), "session opened", now);
            return null;
        });
        return new Issued(sid, refresh, expiresAt);
    }

    /**
     * A new refresh token in place of {@code refreshToken}, if that is the current token of a live
     * session of an enabled account. Any earlier token of the session presented again, however many
     * refreshes ago, revokes the session: someone else holds a copy. (A token names its session:
     * {@code sid.secret}. One issued before tokens did is known by the previous hash alone.)
     */
    public Optional<Refreshed> refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Optional.empty();
        }
        long now = clock.millis();
        String presented = hash(refreshToken);
        int dot = refreshToken.indexOf('.');
        String namedSid = dot > 0 ? refreshToken.substring(0, dot) : "";
        return db.write(c -> {
            Optional<Live> live = Sql.one(c, "SELECT s.id, s.sid, s.expires_at, a.id, a.name, a.role, a.disabled,"
                    + " a.failed_logins, a.locked_until, a.created_at, a.updated_at FROM staff_sessions s"
                    + " JOIN staff_accounts a ON a.id = s.account_id"
                    + " WHERE s.refresh_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?",
                    row -> new Live(row.getLong(1), row.getString(2), row.getLong(3), new StaffAccount(row.getLong(4),
                            row.getString(5), StaffRole.of(row.getString(6)).orElseThrow(), row.getInt(7) != 0,
                            row.getInt(8), null, row.getLong(10), row.getLong(11))), presented, now);
            if (live.isEmpty()) {
                // A replaced token presented again: someone else holds a copy. The session ends.
                Sql.update(c, "UPDATE staff_sessions SET revoked_at = ? WHERE (previous_hash = ? OR sid = ?)"
                        + " AND revoked_at IS NULL", now, presented, namedSid);
                return Optional.<Refreshed>empty();
            }
            if (live.get().account().disabled()) {
                return Optional.<Refreshed>empty();
            }
            String next = refreshToken(live.get().sid());
            Sql.update(c, "UPDATE staff_sessions SET previous_hash = refresh_hash, refresh_hash = ?, refreshed_at = ?"
                    + " WHERE id = ?", hash(next), now, live.get().id());
            return Optional.of(new Refreshed(new Issued(live.get().sid(), next, live.get().expiresAt()),
                    live.get().account()));
        });
    }

    private record Live(long id, String sid, long expiresAt, StaffAccount account) {
    }

    /**
     * The account of session {@code sid} while the session lives and the account is enabled: what
     * every request with a JWT is checked against, so logout, "log out everywhere" and a disabled
     * account take effect at once, and a changed role on the next request.
     */
    public Optional<StaffAccount> liveAccount(String sid) {
        long now = clock.millis();
        return db.read(c -> Sql.one(c, "SELECT a.id, a.name, a.role, a.disabled, a.failed_logins, a.locked_until,"
                + " a.created_at, a.updated_at FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id"
                + " WHERE s.sid = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND a.disabled = 0",
                StaffAccounts::account, sid, now));
    }

    /** Ends the session whose refresh token, or whose id, this is (logout); false if none was live. */
    public boolean revoke(String refreshToken, String sid) {
        long now = clock.millis();
        String presented = refreshToken == null || refreshToken.isBlank() ? "" : hash(refreshToken);
        return db.write(c -> {
            Optional<String[]> session = Sql.one(c, "SELECT s.id, a.name FROM staff_sessions s JOIN staff_accounts a"
                    + " ON a.id = s.account_id WHERE (s.refresh_hash = ? OR s.sid = ?) AND s.revoked_at IS NULL",
                    row -> new String[] {row.getString(1), row.getString(2)}, presented, sid == null ? "" : sid);
            if (session.isEmpty()) {
                return false;
            }
            Sql.update(c, "UPDATE staff_sessions SET revoked_at = ? WHERE id = ?", now, Long.parseLong(session.get()[0]));
            StaffAccounts.audit(c, "staff:" + session.get()[1], "console.logout", session.get()[1], "session ended", now);
            return true;
        });
    }

    /** Ends every session of the account ("log out everywhere"); answers how many were live. */
    public int revokeAll(StaffAccount account) {
        long now = clock.millis();
        return db.write(c -> {
            int ended = revokeAll(c, account.id(), now);
            StaffAccounts.audit(c, actor(account), "console.logout-everywhere", account.name(),
                    ended + " sessions ended", now);
            return ended;
        });
    }

    static int revokeAll(Connection c, long accountId, long now) throws SQLException {
        return Sql.update(c, "UPDATE staff_sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
                now, accountId);
    }

    /** How the audit table and the audit log name a staff member. */
    public static String actor(StaffAccount account) {
        return "staff:" + account.name();
    }

    /** A refresh token of session {@code sid}: the session's id, a dot, 32 random bytes (base64url has no dot). */
    private String refreshToken(String sid) {
        return sid + "." + token(32);
    }

    private String token(int bytes) {
        byte[] random = new byte[bytes];
        this.random.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String hash(String token) {
        return Digests.sha256Hex(token);
    }
}
