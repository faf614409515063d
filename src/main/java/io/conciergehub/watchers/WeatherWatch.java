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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code weather} route: each alert in OpenWeather's One Call answer (sender,
 * event, start) goes once to every guest in house or arriving within 24 hours (booking not
 * cancelled, guest not opted out): a lead sentence in the guest's language, then the alert's text as
 * the weather service wrote it; outside the guest's 24-hour window the notice template.
 */
public final class WeatherWatch {

    private static final Logger LOG = LoggerFactory.getLogger(WeatherWatch.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM HH:mm");
    /** The alert's own text is cut: a message stays a message. */
    private static final int MAX_DESCRIPTION = 1000;

    private record Alert(String key, String event, String description, Instant start, Instant end) {
    }

    private final Database db;
    private final Notices notices;
    private final Metrics metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;
    private final Notices.Template template;

    WeatherWatch(Database db, Notices notices, Metrics metrics, ObjectMapper json, Clock clock, ZoneId zone,
            Notices.Template template) {
        this.db = db;
        this.notices = notices;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.template = template;
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
        List<Long> guests = Sql.list(c, "SELECT DISTINCT b.guest_id FROM bookings b JOIN guests g ON g.id = b.guest_id"
                // A booking whose departure is not known yet counts up to its arrival day (as the reports
                // count it), not as a guest in house for ever.
                + " WHERE b.status <> ? AND g.opted_out = 0 AND b.arrival <= ? AND COALESCE(b.departure, b.arrival) >= ?"
                + " ORDER BY b.guest_id", row -> row.getLong(1), Booking.CANCELLED, arrivingBy, today);
        List<NoticeBatches.Pending> notices = new ArrayList<>();
        String from = alert.start() == null ? "" : WHEN.format(alert.start().atZone(zone));
        String until = alert.end() == null ? "" : WHEN.format(alert.end().atZone(zone));
        // In the README's order: WhatsApp Cloud fills a template's {{1}}, {{2}}... by position.
        Map<String, String> templateFields = new LinkedHashMap<>();
        templateFields.put("EVENT", alert.event());
        templateFields.put("FROM", from);
        templateFields.put("UNTIL", until);
        for (long guestId : guests) {
            if (Sql.one(c, "SELECT 1 FROM weather_notices WHERE guest_id = ? AND alert_key = ?", row -> true, guestId,
                    alert.key()).isPresent()) {
                continue;
            }
            // An alert the weather service gave no end says from when only, not "to ."
            Notice notice = this.notices.compose(c, guestId, "weather|" + alert.key(),
                    alert.end() == null ? "notice_weather_open_ended" : "notice_weather",
                    Map.of("alert", alert.event(), "alert_from", from, "alert_until", until), alert.description(),
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
