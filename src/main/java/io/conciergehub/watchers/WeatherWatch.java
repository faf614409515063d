package io.conciergehub.watchers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.guest.Booking;
import io.conciergehub.ops.Metrics;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code weather} route: each alert in OpenWeather's One Call answer (sender,
 * event, start) goes once to every guest in house or arriving within 24 hours (booking not
 * cancelled, guest not opted out) who is at the hotel while the alert holds: a lead sentence in the
 * guest's language, then the alert's text as the weather service wrote it; outside the guest's
 * 24-hour window the notice template.
 *
 * <p>A stay runs, in the hotel's time zone, from its arrival day's start to the check-out time
 * ({@code hotel.check-out-time}) on its departure day, or to the departure day's end when that time
 * is not a time of day; without a departure date, to its arrival day's end. An alert goes to a stay
 * that overlaps what is still to come of it: from its start (or now, once started) to its end, open
 * when the weather service gives none.
 */
public final class WeatherWatch {

    private static final Logger LOG = LoggerFactory.getLogger(WeatherWatch.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM HH:mm");
    /** The alert's own text is cut: a message stays a message. */
    private static final int MAX_DESCRIPTION = 1000;
    private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{1,2})[:.](\\d{2})");

    private record Alert(String key, String event, String description, Instant start, Instant end) {
    }

    private record Stay(long guestId, LocalDate arrival, LocalDate departure) {
    }

    private final Database db;
    private final Notices notices;
    private final Metrics metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;
    private final Notices.Template template;
    /** When a guest leaves on the departure day; null: at the day's end. */
    private final LocalTime checkOut;

    WeatherWatch(Database db, Notices notices, Metrics metrics, ObjectMapper json, Clock clock, ZoneId zone,
            Notices.Template template, String checkOutTime) {
        this.db = db;
        this.notices = notices;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.template = template;
        this.checkOut = timeOfDay(checkOutTime);
    }

    /** "10:00", "9.30": that time of day; anything else (a hotel's "by noon"): null. */
    static LocalTime timeOfDay(String text) {
        Matcher time = TIME_OF_DAY.matcher(text == null ? "" : text.strip());
        if (!time.matches()) {
            return null;
        }
        int hour = Integer.parseInt(time.group(1));
        int minute = Integer.parseInt(time.group(2));
        return hour < 24 && minute < 60 ? LocalTime.of(hour, minute) : null;
    }

    /** What each guest concerned is to be told of each alert not told yet: the notices, each with its record. */
    public List<NoticeBatches.Pending> tell(@Body String body) throws IOException {
        metrics.openweatherCall();
        List<NoticeBatches.Pending> notices = new ArrayList<>();
        for (JsonNode node : json.readTree(body).path("alerts")) {
            Alert alert = alert(node);
            if (alert == null || alert.end() != null && alert.end().isBefore(clock.instant())) {
                continue;
            }
            List<NoticeBatches.Pending> told = db.read(c -> tell(c, alert));
            if (!told.isEmpty()) {
                LOG.info("event=weather.alert-told guests={}", told.size());
            }
            notices.addAll(told);
        }
        return notices;
    }

    private List<NoticeBatches.Pending> tell(Connection c, Alert alert) throws SQLException {
        Instant now = clock.instant();
        String today = LocalDate.ofInstant(now, zone).toString();
        String arrivingBy = LocalDate.ofInstant(now.plusSeconds(24 * 3600), zone).toString();
        List<Stay> stays = Sql.list(c, "SELECT b.guest_id, b.arrival, b.departure FROM bookings b"
                // A booking whose departure is not known yet counts up to its arrival day (as the reports
                // count it), not as a guest in house for ever.
                + " JOIN guests g ON g.id = b.guest_id WHERE b.status <> ? AND g.opted_out = 0 AND b.arrival <= ?"
                + " AND COALESCE(b.departure, b.arrival) >= ? ORDER BY b.guest_id",
                row -> new Stay(row.getLong(1), LocalDate.parse(row.getString(2)),
                        row.getString(3) == null ? null : LocalDate.parse(row.getString(3))),
                Booking.CANCELLED, arrivingBy, today);
        Instant from = alert.start().isAfter(now) ? alert.start() : now;
        Set<Long> guests = new LinkedHashSet<>();
        for (Stay stay : stays) {
            if (left(stay).isAfter(from) && (alert.end() == null || arrived(stay).isBefore(alert.end()))) {
                guests.add(stay.guestId());
            }
        }
        List<NoticeBatches.Pending> notices = new ArrayList<>();
        String since = WHEN.format(alert.start().atZone(zone));
        String until = alert.end() == null ? "" : WHEN.format(alert.end().atZone(zone));
        // In the README's order: WhatsApp Cloud fills a template's {{1}}, {{2}}... by position.
        Map<String, String> templateFields = new LinkedHashMap<>();
        templateFields.put("EVENT", alert.event());
        templateFields.put("FROM", since);
        templateFields.put("UNTIL", until);
        for (long guestId : guests) {
            if (Sql.one(c, "SELECT 1 FROM weather_notices WHERE guest_id = ? AND alert_key = ?", row -> true, guestId,
                    alert.key()).isPresent()) {
                continue;
            }
            // An alert the weather service gave no end says from when only, not "to ."
            Notice notice = this.notices.compose(c, guestId, "weather|" + alert.key(),
                    alert.end() == null ? "notice_weather_open_ended" : "notice_weather",
                    Map.of("alert", alert.event(), "alert_from", since, "alert_until", until), alert.description(),
                    templateFields, template);
            notices.add(new NoticeBatches.Pending(notice, record -> {
                if (Sql.update(record, "INSERT INTO weather_notices (guest_id, alert_key, notified_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (guest_id, alert_key) DO NOTHING", guestId, alert.key(),
                        clock.millis()) > 0) {
                    metrics.weatherNotice();
                }
                return null;
            }));
        }
        return notices;
    }

    /** When the stay begins: its arrival day's start. */
    private Instant arrived(Stay stay) {
        return stay.arrival().atStartOfDay(zone).toInstant();
    }

    /** When the stay ends: the check-out time on its departure day (its end without one), or its arrival day's end. */
    private Instant left(Stay stay) {
        if (stay.departure() == null) {
            return stay.arrival().plusDays(1).atStartOfDay(zone).toInstant();
        }
        return checkOut == null ? stay.departure().plusDays(1).atStartOfDay(zone).toInstant()
                : stay.departure().atTime(checkOut).atZone(zone).toInstant();
    }

    private static Alert alert(JsonNode node) {
        String sender = node.path("sender_name").asText("");
        String event = node.path("event").asText("").strip();
        if (event.isEmpty() || !node.path("start").canConvertToLong()) {
            return null;
        }
        long start = node.path("start").asLong();
        Instant end = node.path("end").canConvertToLong() ? Instant.ofEpochSecond(node.path("end").asLong()) : null;
        String description = node.path("description").asText("").strip();
        if (description.length() > MAX_DESCRIPTION) {
            description = description.substring(0, MAX_DESCRIPTION) + "…";
        }
        return new Alert(sender + "|" + event + "|" + start, event, description.isEmpty() ? null : description,
                Instant.ofEpochSecond(start), end);
    }
}
