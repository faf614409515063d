package io.conciergehub.watchers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.guest.Booking;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.ops.CostMeter;
import io.conciergehub.ops.Metrics;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code flights} route: which flights to ask AeroAPI about (bookings arriving
 * within {@code flights.window} with a flight number, not cancelled, guest not opted out, one
 * question per flight), the answers kept for a poll interval, and what each guest on a flight is
 * told: a delay of at least {@code flights.delay-threshold} against what they were last told, a
 * cancellation or a diversion, each distinct change once to the guest, whichever of their bookings
 * is on the flight (a {@code flight_notices} row per booking, written once the notice waits in the
 * guest's batch, see {@link NoticeBatches}). Early arrivals, small changes
 * and a flight already landed (first seen late, after a pause or an outage) tell nobody of a delay.
 */
public final class FlightWatch {

    private static final Logger LOG = LoggerFactory.getLogger(FlightWatch.class);
    public static final String NOTIFIED_STATUS = "flight-delay-notified";
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");
    /**
     * The notices told to the guest, for any of their bookings: a guest with two rooms on one
     * flight is one phone, told of each change once, whichever booking's record says so.
     */
    private static final String GUESTS_NOTICES = " JOIN bookings b ON b.id = n.booking_id WHERE b.guest_id = ?";

    /** A guest on the flight: their booking and the day they arrive. */
    public record Passenger(long bookingId, LocalDate arrival) {
    }

    /** One flight to ask about, and the guests on it. */
    public record FlightCheck(String ident, List<Passenger> passengers) {
    }

    /**
     * @param nearestArrival the soonest expected arrival of a guest on it, once read; null before
     * @param nobodysFlight  read, and no guest's arrival is in it (a mistyped number, a first leg to
     *                       another airport): asking again soon would only pay for the same answer
     */
    private record Answer(Instant fetchedAt, String body, Instant nearestArrival, boolean nobodysFlight) {
    }

    /**
     * The settings of the watch: {@code flights.*} and the notice templates.
     *
     * @param cacheFor    the shortest time an answer is reused (a poll sooner pays nothing)
     * @param farCacheFor the longest time an answer is reused, however far off the flight lands
     * @param templates   each kind's template (delay, cancelled, diverted): a template is fixed text,
     *                    so a cancellation never goes as the delay's
     */
    public record Settings(Set<String> airports, Duration delayThreshold, Duration window, Duration cacheFor,
            Duration farCacheFor, Map<String, Notices.Template> templates) {
    }

    private final Database db;
    private final GuestRepository guests;
    private final Notices notices;
    private final Metrics metrics;
    private final CostMeter costs;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;
    private final Settings settings;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    /** Flights landed or cancelled for every guest on them: nothing to ask any more (a restart asks once again). */
    private final Set<String> settled = ConcurrentHashMap.newKeySet();

    FlightWatch(Database db, GuestRepository guests, Notices notices, Metrics metrics, CostMeter costs,
            ObjectMapper json, Clock clock, ZoneId zone, Settings settings) {
        this.costs = costs;
        this.db = db;
        this.guests = guests;
        this.notices = notices;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.settings = settings;
    }

    /** The flights of the guests arriving within the window, each once with all its guests. */
    public List<FlightCheck> due() {
        Instant now = clock.instant();
        String today = LocalDate.ofInstant(now, zone).toString();
        String until = LocalDate.ofInstant(now.plus(settings.window()), zone).toString();
        List<Map.Entry<String, Passenger>> rows = db.read(c -> Sql.list(c, "SELECT b.flight_number, b.id, b.arrival"
                + " FROM bookings b JOIN guests g ON g.id = b.guest_id WHERE b.flight_number IS NOT NULL"
                + " AND b.status <> ? AND g.opted_out = 0 AND b.arrival >= ? AND b.arrival <= ?"
                + " ORDER BY b.flight_number, b.id", row -> Map.entry(row.getString(1),
                        new Passenger(row.getLong(2), LocalDate.parse(row.getString(3)))),
                Booking.CANCELLED, today, until));
        Map<String, List<Passenger>> byFlight = new LinkedHashMap<>();
        rows.forEach(row -> byFlight.computeIfAbsent(row.getKey(), flight -> new ArrayList<>()).add(row.getValue()));
        List<FlightCheck> checks = new ArrayList<>();
        settled.retainAll(byFlight.entrySet().stream().map(flight -> settledKey(flight.getKey(), flight.getValue()))
                .toList());
        byFlight.forEach((flight, passengers) -> {
            if (!settled.contains(settledKey(flight, passengers))) {
                checks.add(new FlightCheck(flight, passengers));
            }
        });
        return checks;
    }

    /**
     * AeroAPI's answer for the flight when it is still fresh, else null: ask. An answer is fresh for a
     * quarter of the time its nearest guest not yet landed (a leg landed or cancelled waits for
     * nothing) then had until landing, at least flights.answer-cache and at most
     * flights.far-answer-cache: a far-off estimate changes little, every question is paid, and the
     * last hour is asked about at every poll. An answer in which no guest's arrival was found is fresh
     * for flights.far-answer-cache.
     */
    public String cached(@ExchangeProperty("flight") FlightCheck flight) {
        Answer answer = answers.get(flight.ident());
        return answer != null && freshUntil(answer).isAfter(clock.instant()) ? answer.body() : null;
    }

    private Instant freshUntil(Answer answer) {
        if (answer.nobodysFlight()) {
            return answer.fetchedAt().plus(settings.farCacheFor());
        }
        Duration quarterOfTheWait = answer.nearestArrival() == null ? Duration.ZERO
                : Duration.between(answer.fetchedAt(), answer.nearestArrival()).dividedBy(4);
        Duration fresh = quarterOfTheWait.compareTo(settings.farCacheFor()) > 0 ? settings.farCacheFor()
                : quarterOfTheWait.compareTo(settings.cacheFor()) < 0 ? settings.cacheFor() : quarterOfTheWait;
        return answer.fetchedAt().plus(fresh);
    }

    /** Keeps AeroAPI's answer for the poll interval and meters the call (one result set; the cost meter counts it). */
    public String fetched(@ExchangeProperty("flight") FlightCheck flight, @Body String body) {
        answers.entrySet().removeIf(old -> freshUntil(old.getValue()).isBefore(clock.instant()));
        answers.put(flight.ident(), new Answer(clock.instant(), body, null, false));
        costs.charge(CostMeter.Item.FLIGHTAWARE, 1);
        return body;
    }

    /** What each guest on the flight is to be told, once per change: the notices, each with its record. */
    public List<NoticeBatches.Pending> tell(@ExchangeProperty("flight") FlightCheck flight, @Body String body)
            throws IOException {
        JsonNode answer = json.readTree(body);
        List<NoticeBatches.Pending> notices = new ArrayList<>();
        boolean allSettled = true;
        boolean anyFound = false;
        Instant nearest = null;
        for (Passenger passenger : flight.passengers()) {
            Optional<FlightStatus> status = FlightStatus.of(answer, passenger.arrival(), settings.airports(), zone);
            allSettled &= status.isPresent() && status.get().settled();
            anyFound |= status.isPresent();
            // A leg landed or cancelled waits for nothing: its past arrival would keep the answer
            // fresh only for flights.answer-cache, for another guest's leg of the same number tomorrow.
            Instant arrival = status.filter(leg -> !leg.settled()).map(FlightStatus::expectedArrival).orElse(null);
            nearest = arrival == null || nearest != null && nearest.isBefore(arrival) ? nearest : arrival;
            if (status.isEmpty()) {
                LOG.info("event=flights.not-found flight={} booking={}", flight.ident(), passenger.bookingId());
                continue;
            }
            db.read(c -> tell(c, flight.ident(), passenger, status.get())).ifPresent(notice -> {
                LOG.info("event=flights.notice flight={} booking={}", flight.ident(), passenger.bookingId());
                notices.add(notice);
            });
        }
        if (allSettled) {
            settled.add(settledKey(flight.ident(), flight.passengers()));
        }
        Instant soonest = nearest;
        boolean nobodys = !anyFound;
        answers.computeIfPresent(flight.ident(), (ident, fetched) -> new Answer(fetched.fetchedAt(), fetched.body(),
                soonest, nobodys));
        return notices;
    }

    /** The flight with its guests' bookings and their days: a guest booked on it later is asked about (and told) too. */
    private static String settledKey(String flight, List<Passenger> passengers) {
        return flight + passengers.stream().map(passenger -> "|" + passenger.bookingId() + "@" + passenger.arrival())
                .sorted().reduce("", String::concat);
    }

    private Optional<NoticeBatches.Pending> tell(Connection c, String flight, Passenger passenger, FlightStatus status)
            throws SQLException {
        Optional<long[]> guestOf = Sql.one(c, "SELECT b.guest_id FROM bookings b JOIN guests g ON g.id = b.guest_id"
                + " WHERE b.id = ? AND b.status <> ? AND g.opted_out = 0", row -> new long[] {row.getLong(1)},
                passenger.bookingId(), Booking.CANCELLED);
        if (guestOf.isEmpty()) {
            return Optional.empty(); // cancelled or opted out since the selection
        }
        long guestId = guestOf.get()[0];
        String day = passenger.arrival().toString();
        String kind;
        String key;
        if (status.cancelled()) {
            kind = "cancelled";
            key = flight + "|" + day + "|cancelled";
        } else if (status.diverted()) {
            kind = "diverted";
            key = flight + "|" + day + "|diverted";
        } else if (status.landed()) {
            // Landed: a delay told now (the first poll after the night pause, an outage, a restart)
            // would announce an arrival that has already happened.
            return Optional.empty();
        } else {
            // What the guest was told of this flight on this day, for any of their bookings (a
            // second room on it): a notice of another flight (the booking's flight changed since)
            // says nothing of this one's delay.
            String delayKeys = flight + "|" + day + "|delay|";
            Instant told = Sql.one(c, "SELECT n.expected_arrival FROM flight_notices n" + GUESTS_NOTICES
                    + " AND n.kind = 'delay' AND substr(n.notice_key, 1, ?) = ? ORDER BY n.notified_at DESC LIMIT 1",
                    row -> Instant.ofEpochMilli(row.getLong(1)), guestId, delayKeys.length(), delayKeys)
                    .orElse(status.scheduledArrival());
            if (status.expectedArrival() == null
                    || status.delayAfter(told).compareTo(settings.delayThreshold()) < 0) {
                return Optional.empty(); // on time, early, or a small change
            }
            kind = "delay";
            key = delayKeys + roundedToFiveMinutes(status.expectedArrival());
        }
        if (Sql.one(c, "SELECT 1 FROM flight_notices n" + GUESTS_NOTICES + " AND n.notice_key = ?", row -> true,
                guestId, key).isPresent()) {
            return Optional.empty(); // told before (on this node, or on the peer before a failover; for another room)
        }
        String newArrival = status.expectedArrival() == null ? ""
                : CLOCK_TIME.format(status.expectedArrival().atZone(zone));
        String delayMinutes = status.expectedArrival() == null ? ""
                : String.valueOf(Math.max(0, status.delayAfter(status.scheduledArrival()).toMinutes()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("FLIGHT", flight);
        if (kind.equals("delay")) {
            fields.put("NEW_ARRIVAL", newArrival);
            fields.put("DELAY_MINUTES", delayMinutes);
        }
        Notice notice = notices.compose(c, guestId, "flight|" + flight + "|" + day, "notice_flight_" + kind,
                Map.of("flight", flight, "new_arrival", newArrival, "delay_minutes", delayMinutes), null, fields,
                settings.templates().get(kind));
        Long expected = status.expectedArrival() == null ? null : status.expectedArrival().toEpochMilli();
        String told = kind;
        return Optional.of(new NoticeBatches.Pending(notice, record -> {
            long now = clock.millis();
            if (Sql.update(record, "INSERT INTO flight_notices (booking_id, notice_key, kind, expected_arrival,"
                    + " notified_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (booking_id, notice_key) DO NOTHING",
                    passenger.bookingId(), key, told, expected, now) > 0) {
                guests.update(record, guestId, null, null, null, NOTIFIED_STATUS, null, now);
                metrics.flightNotice(told);
            }
            return null;
        }));
    }

    private static String roundedToFiveMinutes(Instant time) {
        long minutes = time.getEpochSecond() / 60;
        return Instant.ofEpochSecond(Math.round(minutes / 5.0) * 5 * 60).truncatedTo(ChronoUnit.MINUTES).toString();
    }
}
