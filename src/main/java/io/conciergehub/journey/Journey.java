package io.conciergehub.journey;

import io.conciergehub.concierge.KnowledgeBase;
import io.conciergehub.guest.Booking;
import io.conciergehub.guest.Guest;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.ops.Metrics;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guest journey behind the {@code guest-journey} route: the route selects the candidate
 * (booking, step) pairs with camel-jdbc, bounded by the {@link #selection parameters} given here,
 * and hands each to {@link #queue}, which checks it is due and queues it exactly once: the
 * {@code journey_steps} row (unique per booking, step and the day its message names; one welcome
 * per booking) and the outbox row are written in one transaction, so neither a restart nor a
 * failover to the standby (the rows replicate) sends a step twice. Cancelled bookings and guests
 * who opted out get nothing; nothing is queued inside the quiet hours (the route asks
 * {@link #outsideQuietHours} first), so a step due then waits for their end.
 */
public final class Journey {

    private static final Logger LOG = LoggerFactory.getLogger(Journey.class);

    private final Database db;
    private final GuestRepository guests;
    private final KnowledgeBase knowledge;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId zone;
    private final QuietHours quietHours;
    private final Map<String, JourneyStep> steps;
    private final String defaultLanguage;
    private final String property;
    private final String checkInTime;
    private final Metrics metrics;

    public Journey(Database db, GuestRepository guests, KnowledgeBase knowledge, Outbox outbox, Clock clock,
            Metrics metrics, ZoneId zone, QuietHours quietHours, List<JourneyStep> steps, String defaultLanguage, String property,
            String checkInTime) {
        this.db = db;
        this.guests = guests;
        this.knowledge = knowledge;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
        this.zone = zone;
        this.quietHours = quietHours;
        this.steps = steps.stream().collect(Collectors.toMap(JourneyStep::name, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        this.defaultLanguage = defaultLanguage;
        this.property = property == null ? "" : property;
        this.checkInTime = checkInTime == null ? "" : checkInTime;
    }

    /** False inside {@code journey.quiet-hours}: the route then selects nothing. */
    public boolean outsideQuietHours() {
        return !quietHours.contains(LocalTime.ofInstant(clock.instant(), zone));
    }

    /**
     * The selection's parameters, as headers for the route's query: today in the hotel's time zone,
     * per step whether it is on, and the bounds within which it may be due (the exact time is
     * checked per row by {@link #queue}).
     */
    public void selection(@Headers Map<String, Object> headers) {
        long now = clock.millis();
        headers.put("today", today(now).toString());
        JourneyStep welcome = steps.get(JourneyStep.WELCOME);
        headers.put("welcomeOn", welcome.enabled() ? 1 : 0);
        headers.put("bookedBy", now - welcome.offset().toMillis());
        JourneyStep preArrival = steps.get(JourneyStep.PRE_ARRIVAL);
        headers.put("preArrivalOn", preArrival.enabled() ? 1 : 0);
        headers.put("arrivalBy", preArrival.lastDayDueBy(now, zone).toString());
        JourneyStep checkOut = steps.get(JourneyStep.CHECK_OUT);
        headers.put("checkOutOn", checkOut.enabled() ? 1 : 0);
        headers.put("departureBy", checkOut.lastDayDueBy(now, zone).toString());
    }

    /**
     * Queues the step for the booking of one selected row ({@code booking_id}, {@code step}) if it
     * is due, its booking not cancelled, its guest not opted out and the step not queued before for
     * the day it names, all checked in the transaction that queues it. Returns the outbox row, or null.
     */
    public Long queue(@Body Map<String, Object> row) {
        long bookingId = ((Number) row.get("booking_id")).longValue();
        JourneyStep step = steps.get(String.valueOf(row.get("step")));
        if (step == null || !step.enabled() || !outsideQuietHours()) {
            return null;
        }
        long now = clock.millis();
        Long outboxId = db.write(c -> {
            Optional<Candidate> found = Sql.one(c, "SELECT b.guest_id, b.status, b.arrival, b.departure, b.created_at,"
                    + " g.opted_out FROM bookings b JOIN guests g ON g.id = b.guest_id WHERE b.id = ?",
                    r -> new Candidate(r.getLong(1), r.getString(2), date(r.getString(3)), date(r.getString(4)),
                            r.getLong(5), r.getInt(6) != 0), bookingId);
            if (found.isEmpty()) {
                return null;
            }
            Candidate booking = found.get();
            if (Booking.CANCELLED.equals(booking.status()) || booking.optedOut()) {
                return null;
            }
            Long due = step.dueAt(booking.bookedAt(), booking.arrival(), booking.departure(), zone);
            if (due == null || due > now || step.passed(booking.arrival(), booking.departure(), today(now))
                    || coveredByAnother(c, booking.guestId(), bookingId, step, booking.arrival(), booking.departure())) {
                return null;
            }
            String day = step.day(booking.arrival(), booking.departure()).toString();
            // Either key: this step for this day, or the booking's one welcome whatever day it named.
            if (Sql.update(c, "INSERT INTO journey_steps (booking_id, step, day, sent_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING", bookingId, step.name(), day, now) == 0) {
                return null; // queued before (on this node, or on the peer before a failover)
            }
            Guest guest = guests.findById(c, booking.guestId()).orElseThrow();
            String language = guest.languageOr(defaultLanguage);
            // Dates are written in the language of what carries them: the free text (English when the
            // hotel has no text in the guest's language), or the template.
            Locale textLocale = locale(knowledge.replyLanguage(step.reply(), language));
            Locale templateLocale = locale(step.templateLanguage() == null ? language : step.templateLanguage());
            String name = guest.name() == null ? "" : guest.name();
            String text = knowledge.reply(step.reply(), language, Map.of("guest_name", name,
                    "arrival", format(booking.arrival(), textLocale), "departure", format(booking.departure(), textLocale)));
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("GUEST_NAME", name);
            fields.put("ARRIVAL", format(booking.arrival(), templateLocale));
            fields.put("DEPARTURE", format(booking.departure(), templateLocale));
            fields.put("PROPERTY", property);
            fields.put("CHECKIN_TIME", checkInTime);
            long queued = outbox.enqueueScheduled(c, Outbox.PURPOSE_JOURNEY, guest.id(), text, language, step.template(),
                    step.templateLanguage(), fields, now);
            Sql.update(c, "UPDATE journey_steps SET outbox_id = ? WHERE booking_id = ? AND step = ? AND day = ?",
                    queued, bookingId, step.name(), day);
            return queued;
        });
        if (outboxId != null) {
            metrics.journeyStep(step.name());
            LOG.info("event=journey.step-queued booking={} step={} outbox={}", bookingId, step.name(), outboxId);
        }
        return outboxId;
    }

    private record Candidate(long guestId, String status, LocalDate arrival, LocalDate departure, long bookedAt,
            boolean optedOut) {
    }

    /**
     * Whether another of the guest's bookings makes this step's message wrong or a repeat: one
     * phone, two bookings. A stay extended (or moved to another room) by a booking, not cancelled,
     * that begins the day the first ends: no check-out message that morning, and no welcome or
     * check-in instructions for the second booking, the guest being in the house. Two rooms arriving
     * (or leaving) the same day: the step goes once, for the room whose step was queued first, also
     * once that room is cancelled if its message went. Rooms whose days differ each get their own.
     * Not recorded as done: should the other booking be cancelled before its message went, this
     * one's step still goes while it is due.
     */
    private static boolean coveredByAnother(Connection c, long guestId, long bookingId, JourneyStep step,
            LocalDate arrival, LocalDate departure) throws SQLException {
        LocalDate day = step.day(arrival, departure);
        if (day == null) {
            return false;
        }
        boolean checkOut = JourneyStep.CHECK_OUT.equals(step.name());
        // The step's day is the other booking's first or last: the stay goes on through it.
        String goesOn = checkOut ? "o.arrival = ?" : "o.departure = ?";
        String sameDay = checkOut ? "o.departure = ?" : "o.arrival = ?";
        // The other room's step counts once it was recorded for this very day (its welcome whatever
        // day it named, as JourneyStep.doneFor): recorded for a day its stay has since left, it is not.
        // A cancelled room's counts only if its message went (or may have: sending; its outbox row
        // gone with retention), not if it was cancelled or held at the send.
        return Sql.count(c, "SELECT COUNT(*) FROM bookings o WHERE o.guest_id = ? AND o.id <> ?"
                + " AND ((o.status <> ? AND " + goesOn + ") OR (" + sameDay + " AND EXISTS (SELECT 1 FROM journey_steps j"
                + " WHERE j.booking_id = o.id AND j.step = ? AND (j.step = ? OR j.day = ?) AND (o.status <> ?"
                + " OR NOT EXISTS (SELECT 1 FROM outbox x WHERE x.id = j.outbox_id AND x.state NOT IN ('sending', 'done'))))))",
                guestId, bookingId, Booking.CANCELLED, day.toString(), day.toString(), step.name(), JourneyStep.WELCOME,
                day.toString(), Booking.CANCELLED) > 0;
    }

    /**
     * A guest's journey as staff see it (the console's conversation view), inside the caller's
     * transaction: per booking, oldest arrival first, each step that is on, with when it is due
     * (null: a date it needs is unknown) and its state: {@code queued} once it went to the outbox
     * (the message's own state says the rest), {@code skipped} when it will not go (a cancelled
     * booking, a guest who opted out, its last day passed, another of the guest's bookings standing
     * in for it), {@code due} when it waits for the next run (or the end of the quiet hours),
     * {@code scheduled} before it is due.
     */
    public List<Map<String, Object>> plan(Connection c, long guestId) throws SQLException {
        long now = clock.millis();
        LocalDate today = today(now);
        List<Map<String, Object>> plan = new ArrayList<>();
        List<PlannedBooking> bookings = Sql.list(c, "SELECT b.id, COALESCE(b.reference, b.external_id), b.status,"
                + " b.arrival, b.departure, b.created_at, g.opted_out FROM bookings b JOIN guests g ON g.id = b.guest_id"
                + " WHERE b.guest_id = ? ORDER BY b.arrival, b.id", r -> new PlannedBooking(r.getLong(1), r.getString(2),
                        Booking.CANCELLED.equals(r.getString(3)) || r.getInt(7) != 0, date(r.getString(4)),
                        date(r.getString(5)), r.getLong(6)), guestId);
        for (PlannedBooking booking : bookings) {
            List<Recorded> recorded = Sql.list(c, "SELECT step, day FROM journey_steps WHERE booking_id = ?",
                    r -> new Recorded(r.getString(1), date(r.getString(2))), booking.id());
            for (JourneyStep step : steps.values()) {
                if (!step.enabled()) {
                    continue;
                }
                Long due = step.dueAt(booking.bookedAt(), booking.arrival(), booking.departure(), zone);
                boolean queued = recorded.stream().anyMatch(r -> r.step().equals(step.name())
                        && step.doneFor(r.day(), booking.arrival(), booking.departure()));
                String state = queued ? "queued"
                        : booking.skipped() || step.passed(booking.arrival(), booking.departure(), today)
                                || coveredByAnother(c, guestId, booking.id(), step, booking.arrival(), booking.departure())
                                ? "skipped"
                        : due != null && due <= now ? "due" : "scheduled";
                Map<String, Object> planned = new LinkedHashMap<>();
                planned.put("step", step.name());
                planned.put("dueAt", due == null ? null : Instant.ofEpochMilli(due).toString());
                planned.put("state", state);
                planned.put("reference", booking.reference());
                plan.add(planned);
            }
        }
        return plan;
    }

    /** A step recorded for a booking, and the day its message named. */
    private record Recorded(String step, LocalDate day) {
    }

    private record PlannedBooking(long id, String reference, boolean skipped, LocalDate arrival, LocalDate departure,
            long bookedAt) {
    }

    /** The day it is at {@code now} in the hotel's time zone. */
    private LocalDate today(long now) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
    }

    /** A booking's date as stored (ISO), or null when unknown. */
    static LocalDate date(String text) {
        return text == null || text.isBlank() ? null : LocalDate.parse(text);
    }

    /** A language as the hub and the providers write it: "it", "IT", "en_US" (WhatsApp Cloud's templates). */
    private static Locale locale(String language) {
        return Locale.forLanguageTag(language.replace('_', '-'));
    }

    private static String format(LocalDate date, Locale locale) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
    }
}
