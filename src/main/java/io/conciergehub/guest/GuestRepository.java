package io.conciergehub.guest;

import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Guests, found by the blind index of their phone number; personal data encrypted at rest. */
public final class GuestRepository {

    private static final String COLUMNS =
            "id, phone_enc, name, language, opted_out, needs_attention, last_inbound_at";

    private final FieldCrypto crypto;

    public GuestRepository(FieldCrypto crypto) {
        this.crypto = crypto;
    }

    /** Finds the guest with this (normalised) phone or creates one, records that they just wrote; returns the id. */
    public long touchInbound(Connection c, String phone, String name, long now) throws SQLException {
        return Sql.one(c, "INSERT INTO guests (phone_hash, phone_enc, name, last_inbound_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (phone_hash) DO UPDATE SET"
                + " last_inbound_at = excluded.last_inbound_at, name = COALESCE(guests.name, excluded.name),"
                + " updated_at = excluded.updated_at RETURNING id",
                row -> row.getLong(1), crypto.blindIndex(phone), crypto.encrypt(phone), name, now, now, now).orElseThrow();
    }

    public Optional<Guest> findById(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM guests WHERE id = ?", this::map, id);
    }

    public void setLanguage(Connection c, long guestId, String language, long now) throws SQLException {
        Sql.update(c, "UPDATE guests SET language = ?, updated_at = ? WHERE id = ?", language, now, guestId);
    }

    public void setOptedOut(Connection c, long guestId, boolean optedOut, long now) throws SQLException {
        Sql.update(c, "UPDATE guests SET opted_out = ?, updated_at = ? WHERE id = ?", optedOut ? 1 : 0, now, guestId);
    }

    public void markNeedsAttention(Connection c, long guestId, long now) throws SQLException {
        Sql.update(c, "UPDATE guests SET needs_attention = 1, updated_at = ? WHERE id = ?", now, guestId);
    }

    private Guest map(ResultSet row) throws SQLException {
        long lastInbound = row.getLong("last_inbound_at");
        Long lastInboundAt = row.wasNull() ? null : lastInbound;
        return new Guest(row.getLong("id"), crypto.decrypt(row.getString("phone_enc")), row.getString("name"),
                row.getString("language"), row.getInt("opted_out") == 1, row.getInt("needs_attention") == 1,
                lastInboundAt);
    }
}
