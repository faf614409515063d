package io.conciergehub.guest;

import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Guests, found by the blind index of their phone number; personal data (phone, e-mail, name) encrypted at rest. */
public final class GuestRepository {

    private static final String COLUMNS =
            "id, phone_enc, name, language, opted_out, needs_attention, last_inbound_at";

    private final FieldCrypto crypto;

    public GuestRepository(FieldCrypto crypto) {
        this.crypto = crypto;
    }

    /**
     * Finds the guest with this (normalised) phone or creates one, and records that they wrote at
     * {@code wroteAt}: their last message opens the 24-hour window, so an older one delivered late
     * does not move it back.
     */
    public Resolved touchInbound(Connection c, String phone, String name, long wroteAt, long now) throws SQLException {
        return Sql.one(c, "INSERT INTO guests (phone_hash, phone_enc, name, last_inbound_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (phone_hash) DO UPDATE SET"
                + " last_inbound_at = MAX(COALESCE(guests.last_inbound_at, 0), excluded.last_inbound_at),"
                + " name = COALESCE(guests.name, excluded.name), updated_at = excluded.updated_at RETURNING id, created_at",
                row -> new Resolved(row.getLong(1), row.getLong(2) == now), crypto.blindIndex(phone),
                crypto.encrypt(phone), crypto.seal(name), wroteAt, now, now).orElseThrow();
    }

    /** A guest found or created by phone: its id, and whether it was created now. */
    public record Resolved(long id, boolean created) {
    }

    /** Finds the guest with this (normalised) phone or creates one that has not written yet. */
    public Resolved findOrCreate(Connection c, String phone, long now) throws SQLException {
        Optional<Long> existing = findIdByPhone(c, phone);
        if (existing.isPresent()) {
            return new Resolved(existing.get(), false);
        }
        return new Resolved(Sql.insert(c, "INSERT INTO guests (phone_hash, phone_enc, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?)", crypto.blindIndex(phone), crypto.encrypt(phone), now, now), true);
    }

    public Optional<Long> findIdByPhone(Connection c, String phone) throws SQLException {
        return Sql.one(c, "SELECT id FROM guests WHERE phone_hash = ?", row -> row.getLong(1), crypto.blindIndex(phone));
    }

    public Optional<Long> findIdByEmail(Connection c, String email) throws SQLException {
        return Sql.one(c, "SELECT id FROM guests WHERE email_hash = ? ORDER BY id LIMIT 1", row -> row.getLong(1),
                crypto.blindIndex(email));
    }

    /** Whether the guest's e-mail is this one (compared by its blind index). */
    public boolean hasEmail(Connection c, long guestId, String email) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM guests WHERE id = ? AND email_hash = ?", guestId,
                crypto.blindIndex(email)) > 0;
    }

    public boolean exists(Connection c, long id) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM guests WHERE id = ?", id) > 0;
    }

    /** Sets what a guest does not have yet (a booking's name, e-mail, language); never overwrites. */
    public void fillIn(Connection c, long guestId, String name, String email, String language, long now)
            throws SQLException {
        Sql.update(c, "UPDATE guests SET name = COALESCE(name, ?), email_hash = COALESCE(email_hash, ?),"
                + " email_enc = COALESCE(email_enc, ?), language = COALESCE(language, ?), updated_at = ? WHERE id = ?",
                crypto.seal(name), email == null ? null : crypto.blindIndex(email), email == null ? null : crypto.encrypt(email),
                language, now, guestId);
    }

    /** Staff or the cloud say so ({@code UPDATE_GUEST}): the given fields overwrite. */
    public void update(Connection c, long guestId, String name, String email, String language, String status,
            Boolean optedOut, long now) throws SQLException {
        Sql.update(c, "UPDATE guests SET name = COALESCE(?, name), email_hash = COALESCE(?, email_hash),"
                + " email_enc = COALESCE(?, email_enc), language = COALESCE(?, language), status = COALESCE(?, status),"
                + " opted_out = COALESCE(?, opted_out), updated_at = ? WHERE id = ?",
                crypto.seal(name), email == null ? null : crypto.blindIndex(email), email == null ? null : crypto.encrypt(email),
                language, status, optedOut == null ? null : optedOut ? 1 : 0, now, guestId);
    }

    public String blindIndex(String normalized) {
        return crypto.blindIndex(normalized);
    }

    public String decrypt(String token) {
        return token == null ? null : crypto.decrypt(token);
    }

    /** Encrypts a guest's name or a message text for storing (no look-up by it). */
    public String seal(String text) {
        return crypto.seal(text);
    }

    /** The clear value of a name or message text as stored. */
    public String open(String stored) {
        return crypto.open(stored);
    }

    public Optional<Guest> findById(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM guests WHERE id = ?", this::map, id);
    }

    /**
     * What decides whether a message may go to the guest now: opted out, and when the guest last
     * wrote (WhatsApp's 24-hour window). Read without decrypting anything, for the outbox's every send.
     */
    public record Reach(boolean optedOut, Long lastInboundAt) {
    }

    public Optional<Reach> findReach(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT opted_out, last_inbound_at FROM guests WHERE id = ?",
                row -> new Reach(row.getInt(1) == 1, Sql.nullableLong(row, "last_inbound_at")), id);
    }

    /** The guest's phone, decrypted (E.164 with a leading '+'). */
    public Optional<String> findPhone(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT phone_enc FROM guests WHERE id = ?", row -> crypto.decrypt(row.getString(1)), id);
    }

    public void setLanguage(Connection c, long guestId, String language, long now) throws SQLException {
        Sql.update(c, "UPDATE guests SET language = ?, updated_at = ? WHERE id = ?", language, now, guestId);
    }

    public void setOptedOut(Connection c, long guestId, boolean optedOut, long now) throws SQLException {
        Sql.update(c, "UPDATE guests SET opted_out = ?, updated_at = ? WHERE id = ?", optedOut ? 1 : 0, now, guestId);
    }

    /**
     * Flags the guest for staff, with the reason and the time; a guest already flagged keeps the
     * first reason and time. Returns whether the guest was flagged now (one alert per flag).
     */
    public boolean markNeedsAttention(Connection c, long guestId, String reason, long now) throws SQLException {
        return Sql.update(c, "UPDATE guests SET needs_attention = 1, attention_reason = ?, attention_since = ?,"
                + " updated_at = ? WHERE id = ? AND needs_attention = 0", reason, now, now, guestId) == 1;
    }

    /** Staff took over: the flag, its reason and time are cleared. Returns whether the guest was flagged. */
    public boolean clearNeedsAttention(Connection c, long guestId, long now) throws SQLException {
        return Sql.update(c, "UPDATE guests SET needs_attention = 0, attention_reason = NULL, attention_since = NULL,"
                + " updated_at = ? WHERE id = ? AND needs_attention = 1", now, guestId) == 1;
    }

    private Guest map(ResultSet row) throws SQLException {
        return new Guest(row.getLong("id"), crypto.decrypt(row.getString("phone_enc")), crypto.open(row.getString("name")),
                row.getString("language"), row.getInt("opted_out") == 1, row.getInt("needs_attention") == 1,
                Sql.nullableLong(row, "last_inbound_at"));
    }
}
