package io.conciergehub.guest;

import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Bookings and the merge rules every reservation source follows:
 * <ul>
 *   <li>a booking is identified by {@code (source, externalId)}; reporting it again updates it, and
 *       so does a report whose external id is another source's reference for it (see {@link #setReference});</li>
 *   <li>only sources whose sender is verified link across sources: a report of a source in
 *       {@link Booking#SENDER_UNVERIFIED} (a mail anyone can send) that names a verified booking, by
 *       its external id or its reference, is refused ({@link MergeRefused}) and changes nothing; a
 *       verified source's report whose external id is such an unverified booking's takes it over
 *       (the booking becomes that source's);</li>
 *   <li>its guest is found by phone (blind index), else it stays the booking's current guest; a new
 *       booking's guest without a phone is found by e-mail; a new guest needs a phone number
 *       (WhatsApp is how the hub reaches guests);</li>
 *   <li>booking fields reported (the guest's notes among them, sealed at rest) overwrite stored ones (the channel is the authority on the
 *       reservation), fields not reported keep their value; but a cancelled booking stays cancelled,
 *       whatever status a later report gives (a guest who books again is a new reservation);</li>
 *   <li>guest fields (name, e-mail, language) only fill what the guest lacks: what a guest told
 *       the hub, or the language they write in, wins over a booking form.</li>
 * </ul>
 */
public final class BookingRepository {

    /** Why a booking could not be merged; the request is otherwise fine. */
    public static final class MergeRefused extends RuntimeException {
        public MergeRefused(String message) {
            super(message);
        }
    }

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** What an upsert did. {@code previousStatus} is null for a new booking. */
    public record Upserted(long bookingId, long guestId, Outcome outcome, boolean guestCreated, String previousStatus,
            String status) {
    }

    /** A stored booking, its notes opened (sealed at rest). */
    private record Stored(long id, long guestId, String arrival, String departure, Integer adults, Integer children,
            String apartment, String flightNumber, String status, String notes) {
    }

    /** The bookings of the sources whose sender is verified: the only ones linked across sources. */
    private static final String SENDER_VERIFIED = Booking.SENDER_UNVERIFIED.stream().sorted()
            .collect(Collectors.joining("', '", "source NOT IN ('", "')"));

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final GuestRepository guests;

    public BookingRepository(GuestRepository guests) {
        this.guests = guests;
    }

    public Upserted upsert(Connection c, Booking booking, long now) throws SQLException {
        Optional<Stored> stored = stored(c, "source = ? AND external_id = ?", booking.source(), booking.externalId());
        if (stored.isEmpty() && Booking.SENDER_UNVERIFIED.contains(booking.source())) {
            refuseIfVerified(c, booking);
        } else if (stored.isEmpty()) {
            // The same reservation, reported first by a channel manager under its own id.
            stored = stored(c, "reference = ? AND source <> ? AND " + SENDER_VERIFIED, booking.externalId(),
                    booking.source());
            if (stored.isEmpty()) {
                stored = takeOverUnverified(c, booking);
            }
        }
        boolean guestCreated = false;
        Long guestId = null;
        if (booking.phone() != null) {
            GuestRepository.Resolved guest = guests.findOrCreate(c, booking.phone(), now);
            guestId = guest.id();
            guestCreated = guest.created();
        } else if (booking.email() != null && stored.isEmpty()) {
            // Only for a new booking: people share an e-mail (a travel desk's, a family's), and a known
            // booking's report without a phone must not move it to whichever of them came first.
            guestId = guests.findIdByEmail(c, booking.email()).orElse(null);
        }
        if (guestId == null) {
            guestId = stored.map(Stored::guestId).orElseThrow(() -> new MergeRefused(
                    "a new guest needs a phone number (no guest is known by this e-mail)"));
        }
        guests.fillIn(c, guestId, booking.guestName(), booking.email(), booking.language(), now);

        String arrival = booking.arrival() == null ? null : booking.arrival().toString();
        String departure = booking.departure() == null ? null : booking.departure().toString();
        if (stored.isEmpty()) {
            String status = booking.status() == null ? Booking.CONFIRMED : booking.status();
            long id = Sql.insert(c, "INSERT INTO bookings (guest_id, source, external_id, arrival, departure, adults,"
                    + " children, apartment, flight_number, status, notes, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", guestId, booking.source(), booking.externalId(),
                    arrival, departure, booking.adults(), booking.children(), booking.apartment(),
                    booking.flightNumber(), status, sealed(booking.notes()), now, now);
            return new Upserted(id, guestId, Outcome.CREATED, guestCreated, null, status);
        }
        Stored old = stored.get();
        // Cancelled stays cancelled: a mail read after the cancellation reports "confirmed" as every
        // confirmation does, and nothing later about the reservation revives it.
        String status = Booking.CANCELLED.equals(old.status()) ? old.status() : or(booking.status(), old.status());
        Stored merged = new Stored(old.id(), guestId, or(arrival, old.arrival()), or(departure, old.departure()),
                or(booking.adults(), old.adults()), or(booking.children(), old.children()),
                or(booking.apartment(), old.apartment()), or(booking.flightNumber(), old.flightNumber()),
                status, or(booking.notes(), old.notes()));
        if (merged.equals(old)) {
            return new Upserted(old.id(), guestId, Outcome.UNCHANGED, guestCreated, old.status(), old.status());
        }
        Sql.update(c, "UPDATE bookings SET guest_id = ?, arrival = ?, departure = ?, adults = ?, children = ?,"
                + " apartment = ?, flight_number = ?, status = ?, notes = ?, updated_at = ? WHERE id = ?",
                merged.guestId(), merged.arrival(), merged.departure(), merged.adults(), merged.children(),
                merged.apartment(), merged.flightNumber(), merged.status(), sealed(merged.notes()), now, old.id());
        return new Upserted(old.id(), guestId, Outcome.UPDATED, guestCreated, old.status(), merged.status());
    }

    /**
     * A report nobody verified the sender of (a mail anyone can send) that names a booking a verified
     * source reported is refused: it would change that booking (its dates, status, guest), or be a
     * second booking of the same reservation.
     */
    private static void refuseIfVerified(Connection c, Booking booking) throws SQLException {
        Optional<String> verified = Sql.one(c, "SELECT source FROM bookings WHERE (external_id = ? OR reference = ?)"
                + " AND " + SENDER_VERIFIED + " LIMIT 1", row -> row.getString(1), booking.externalId(),
                booking.externalId());
        if (verified.isPresent()) {
            throw new MergeRefused("the " + booking.source() + " reading names a booking " + verified.get()
                    + " reported, and only a sender the hub verifies changes it: enter the change by hand");
        }
    }

    /**
     * The same reservation, read first from a mail nobody vouches for (reception's forward of the
     * channel's confirmation, the model's reading of it) under the channel's own number: the verified
     * source's report takes that booking over, which becomes the verified source's, so its guest keeps
     * one booking and one journey, and a later unverified mail naming it is refused. Only when the
     * report is about that booking's guest ({@link #sameGuest}), and never a website's booking, whose
     * numbers are the website's own series.
     */
    private Optional<Stored> takeOverUnverified(Connection c, Booking booking) throws SQLException {
        Optional<Stored> unverified = stored(c, "external_id = ? AND source IN ('generic', 'llm')",
                booking.externalId());
        if (unverified.isEmpty() || !sameGuest(c, unverified.get(), booking)) {
            return Optional.empty();
        }
        Sql.update(c, "UPDATE bookings SET source = ? WHERE id = ?", booking.source(), unverified.get().id());
        return unverified;
    }

    /**
     * Whether a report is about the stored booking's guest, by the most it says: its phone, else its
     * e-mail, else the guest's name, else the arrival day. Two series of numbers can meet, and a mail
     * anyone can send must not hand a channel's reservation (its dates, its journey) to a guest of
     * the sender's choosing, nor a report move another guest's booking. An e-mail that is not the
     * guest's decides nothing: a guest keeps the first one the hub learnt, and a channel gives each
     * reservation an address of its own (a returning guest's).
     */
    private boolean sameGuest(Connection c, Stored stored, Booking booking) throws SQLException {
        if (booking.phone() != null) {
            return guests.findIdByPhone(c, booking.phone()).filter(id -> id == stored.guestId()).isPresent();
        }
        if (booking.email() != null && guests.hasEmail(c, stored.guestId(), booking.email())) {
            return true;
        }
        if (booking.guestName() != null) {
            return guests.findById(c, stored.guestId()).map(Guest::name)
                    .filter(name -> comparable(name).equals(comparable(booking.guestName()))).isPresent();
        }
        return booking.arrival() != null && booking.arrival().toString().equals(stored.arrival());
    }

    private static String comparable(String name) {
        return WHITESPACE.matcher(name.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    private Optional<Stored> stored(Connection c, String where, Object... values) throws SQLException {
        return Sql.one(c, "SELECT id, guest_id, arrival, departure, adults, children, apartment, flight_number, status,"
                + " notes FROM bookings WHERE " + where + " ORDER BY updated_at DESC, id DESC LIMIT 1", row -> new Stored(
                        row.getLong(1), row.getLong(2), row.getString(3), row.getString(4), (Integer) row.getObject(5),
                        (Integer) row.getObject(6), row.getString(7), row.getString(8), row.getString(9),
                        row.getString(10) == null ? null : guests.open(row.getString(10))), values);
    }

    private String sealed(String notes) {
        return notes == null ? null : guests.seal(notes);
    }

    /**
     * Records another channel's number for the reservation a booking is (Smoobu's reference-id, e.g.
     * the Booking.com number), so that channel's own report of it later updates this booking.
     */
    public void setReference(Connection c, long bookingId, String reference) throws SQLException {
        Sql.update(c, "UPDATE bookings SET reference = ? WHERE id = ? AND reference IS NOT ?", reference, bookingId,
                reference);
    }

    /** Which booking a stored row is: its id and the {@code (source, externalId)} that identifies it. */
    public record Identity(long id, String source, String externalId) {
    }

    public Optional<Identity> identity(Connection c, long bookingId) throws SQLException {
        return Sql.one(c, "SELECT id, source, external_id FROM bookings WHERE id = ?", BookingRepository::identity,
                bookingId);
    }

    public Optional<Identity> identity(Connection c, String source, String externalId) throws SQLException {
        return Sql.one(c, "SELECT id, source, external_id FROM bookings WHERE source = ? AND external_id = ?",
                BookingRepository::identity, source, externalId);
    }

    /**
     * Another source's booking known by this external id: a channel manager (Smoobu) reports the
     * channel's own booking number (e.g. Booking.com's) as its reference, which is that channel's
     * confirmation e-mail's external id. The most recently updated one if several sources share it.
     * One of a source whose sender nobody verified ({@link Booking#SENDER_UNVERIFIED}, e.g. the
     * model's reading of the channel's mail) is found too: the channel manager's verified report then
     * overwrites what that source said, rather than give the guest a second booking and journey.
     */
    public Optional<Identity> findByReference(Connection c, String reference, String otherThanSource)
            throws SQLException {
        return Sql.one(c, "SELECT id, source, external_id FROM bookings WHERE external_id = ? AND source <> ?"
                + " ORDER BY updated_at DESC, id DESC LIMIT 1", BookingRepository::identity, reference, otherThanSource);
    }

    private static Identity identity(ResultSet row) throws SQLException {
        return new Identity(row.getLong(1), row.getString(2), row.getString(3));
    }

    /** A booking whose flight number was set: its identity and status, and whether the number changed. */
    public record FlightSet(Identity booking, String status, boolean changed) {
    }

    /**
     * Sets the flight number of the guest's next booking (the one arriving soonest from today; one
     * without dates last); empty when the guest has none.
     */
    public Optional<FlightSet> setNextFlight(Connection c, long guestId, String flightNumber, String today, long now)
            throws SQLException {
        Optional<FlightSet> next = Sql.one(c, "SELECT id, source, external_id, status, flight_number IS NOT ?"
                + " FROM bookings WHERE guest_id = ? AND status <> 'cancelled' AND (arrival IS NULL OR arrival >= ?)"
                + " ORDER BY arrival IS NULL, arrival LIMIT 1", row -> new FlightSet(identity(row), row.getString(4),
                        row.getBoolean(5)), flightNumber, guestId, today);
        if (next.isPresent() && next.get().changed()) {
            Sql.update(c, "UPDATE bookings SET flight_number = ?, updated_at = ? WHERE id = ?", flightNumber, now,
                    next.get().booking().id());
        }
        return next;
    }

    private static <T> T or(T reported, T stored) {
        return reported != null ? reported : stored;
    }
}
