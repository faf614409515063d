package io.conciergehub.reservation;

import io.conciergehub.api.HttpProblem;
import io.conciergehub.guest.Booking;
import io.conciergehub.guest.BookingRepository;
import io.conciergehub.guest.BookingRepository.Identity;
import io.conciergehub.guest.BookingRepository.MergeRefused;
import io.conciergehub.guest.BookingRepository.Upserted;
import io.conciergehub.mesh.BookingSync;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Smoobu's reservations stored as bookings, through {@link BookingSync} and its merge rules, in the
 * same transaction as the last change applied per reservation ({@code smoobu_reservations}):
 * <ul>
 *   <li>a webhook whose {@code modifiedAt} is not after the last one applied (a duplicate, or an
 *       older change arriving late) changes nothing; a cancellation wins a tie;</li>
 *   <li>a cancelled reservation stays cancelled: Smoobu books a new reservation (a new id) when a
 *       guest books again, so nothing later about a cancelled id revives it;</li>
 *   <li>a reservation whose {@code reference-id} is another channel's booking number already known
 *       as a booking's external id (the Booking.com confirmation e-mail arrived first) updates that
 *       booking: one guest, one booking; reported fields fill it, unreported ones never blank it;</li>
 *   <li>a cancellation of a reservation the hub never knew stores no booking, only the fact, so
 *       the reservation arriving late is not booked.</li>
 * </ul>
 * Smoobu's notification mails take the same road ({@link #storeMail}): their "Referenz" line is the
 * webhook's {@code reference-id}.
 */
public final class SmoobuReservations {

    private static final Logger LOG = LoggerFactory.getLogger(SmoobuReservations.class);

    private record Applied(LocalDateTime modifiedAt, boolean cancelled, Long bookingId) {
    }

    private final Database db;
    private final BookingSync bookingSync;
    private final BookingRepository bookings;
    private final String region;
    private final Clock clock;

    public SmoobuReservations(Database db, BookingSync bookingSync, BookingRepository bookings, String region,
            Clock clock) {
        this.db = db;
        this.bookingSync = bookingSync;
        this.bookings = bookings;
        this.region = region;
        this.clock = clock;
    }

    /** Applies the notice; returns what it did: created, updated, unchanged, cancelled, duplicate, stale, ignored. */
    public String apply(@Body SmoobuNotice notice) {
        if (notice.kind() == SmoobuNotice.Kind.IGNORED) {
            LOG.info("event=smoobu.ignored action={}", safe(notice.action()));
            return "ignored";
        }
        boolean cancellation = notice.kind() == SmoobuNotice.Kind.CANCELLATION;
        SmoobuReservation reservation = SmoobuReservation.read(notice.reservation(), notice.path(), region,
                cancellation);
        if (reservation.blocked() && !reservation.cancelled()) {
            LOG.info("event=smoobu.ignored action={} reservation={} reason=blocked_dates", safe(notice.action()),
                    reservation.id());
            return "ignored";
        }
        String result;
        try {
            result = db.writeDurably(c -> apply(c, reservation));
        } catch (MergeRefused refused) {
            throw HttpProblem.invalidField(notice.path() + "phone",
                    "is needed: the hub knows no guest by this reservation's e-mail");
        }
        LOG.info("event=smoobu.applied action={} reservation={} result={}", safe(notice.action()), reservation.id(),
                result);
        return result;
    }

    private String apply(Connection c, SmoobuReservation reservation) throws SQLException {
        Optional<Applied> applied = applied(c, reservation.id());
        if (applied.isPresent()) {
            Applied last = applied.get();
            boolean newer = reservation.modifiedAt().isAfter(last.modifiedAt());
            boolean cancelsOnATie = reservation.cancelled() && !last.cancelled()
                    && reservation.modifiedAt().isEqual(last.modifiedAt());
            if (!newer && !cancelsOnATie) {
                return reservation.modifiedAt().isEqual(last.modifiedAt()) ? "duplicate" : "stale";
            }
            if (last.cancelled()) {
                return "stale";
            }
        }
        Long knownBookingId = applied.map(Applied::bookingId).orElse(null);
        Long bookingId;
        String result;
        if (reservation.cancelled()) {
            Optional<Identity> target = target(c, reservation.id(), reservation.reference(), knownBookingId);
            if (target.isPresent()) {
                Identity booking = target.get();
                Upserted done = bookingSync.store(c, Booking.cancellation(booking.source(), booking.externalId()));
                bookingId = done.bookingId();
            } else {
                bookingId = null;
            }
            result = "cancelled";
        } else {
            // Status not reported: a new booking is confirmed, a known one keeps its status.
            Upserted done = store(c, reservation.booking(SmoobuReservation.SOURCE, reservation.id(), null),
                    reservation.reference(), knownBookingId);
            bookingId = done.bookingId();
            result = done.outcome().name().toLowerCase(Locale.ROOT);
        }
        Sql.update(c, "INSERT INTO smoobu_reservations (reservation_id, modified_at, cancelled, booking_id, updated_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (reservation_id) DO UPDATE SET modified_at = excluded.modified_at,"
                + " cancelled = excluded.cancelled, booking_id = excluded.booking_id, updated_at = excluded.updated_at",
                reservation.id(), reservation.modifiedAt().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME), reservation.cancelled() ? 1 : 0, bookingId,
                clock.millis());
        return result;
    }

    /**
     * Stores Smoobu's notification mail's booking (source {@code smoobu}, Smoobu's id) by the
     * webhook's rules: as the booking the reservation already is (the webhook's, or the channel's
     * own mail's whose number the mail names as its reference), else as a new {@code smoobu}
     * booking that keeps that number, so the channel's mail read later updates it. The mail has no
     * {@code modifiedAt}: it leaves the webhook's bookkeeping as it is; but a reservation the webhook
     * cancelled stays cancelled, even one the hub never booked (its mail is stored as cancelled).
     *
     * @param reference the channel's number for the reservation the mail names ("Referenz"), or null
     */
    public Upserted storeMail(Booking booking, String reference) {
        return db.writeDurably(c -> {
            Optional<Applied> applied = applied(c, booking.externalId());
            boolean cancelled = applied.map(Applied::cancelled).orElse(false);
            return store(c, cancelled ? booking.cancelled() : booking, reference,
                    applied.map(Applied::bookingId).orElse(null));
        });
    }

    /**
     * A Smoobu report (source {@code smoobu}, Smoobu's id) stored as the booking it is (see
     * {@link #target}); a new {@code smoobu} booking keeps the channel's reference.
     */
    private Upserted store(Connection c, Booking reported, String reference, Long knownBookingId)
            throws SQLException {
        Optional<Identity> target = target(c, reported.externalId(), reference, knownBookingId);
        String source = target.map(Identity::source).orElse(SmoobuReservation.SOURCE);
        Upserted done = bookingSync.store(c, reported.as(source,
                target.map(Identity::externalId).orElse(reported.externalId())));
        if (SmoobuReservation.SOURCE.equals(source) && reference != null) {
            bookings.setReference(c, done.bookingId(), reference);
        }
        return done;
    }

    private Optional<Applied> applied(Connection c, String reservationId) throws SQLException {
        return Sql.one(c, "SELECT modified_at, cancelled, booking_id FROM smoobu_reservations"
                + " WHERE reservation_id = ?", row -> new Applied(LocalDateTime.parse(row.getString(1)),
                        row.getInt(2) == 1, Sql.nullableLong(row, "booking_id")), reservationId);
    }

    /**
     * The booking a Smoobu reservation is: the one it was stored as before, else the Smoobu booking
     * by its id, else another channel's booking whose external id is the reservation's reference.
     */
    private Optional<Identity> target(Connection c, String reservationId, String reference, Long bookingId)
            throws SQLException {
        if (bookingId != null) {
            Optional<Identity> known = bookings.identity(c, bookingId);
            if (known.isPresent()) {
                return known;
            }
        }
        Optional<Identity> own = bookings.identity(c, SmoobuReservation.SOURCE, reservationId);
        if (own.isPresent()) {
            return own;
        }
        return reference == null ? Optional.empty()
                : bookings.findByReference(c, reference, SmoobuReservation.SOURCE);
    }

    /** An action name for the log: Smoobu's own words only, never what a request made up. */
    private static String safe(String action) {
        return action != null && action.matches("[A-Za-z]{1,40}") ? action : "other";
    }
}
