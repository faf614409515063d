package io.conciergehub.concierge;

import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Backoff;
import io.conciergehub.api.Failures;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.ops.Metrics;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells staff that a guest needs them (route {@code concierge-alerts}): a Slack incoming webhook
 * and/or an e-mail, with the guest's first name, language and question, never the phone number.
 * An alert is stored in the transaction that flags the guest, once per flag, and stays pending
 * per channel until that channel took it; a failed attempt is tried again later, with back-off.
 * An alert whose flag staff already cleared is withdrawn, not sent; one no channel took within
 * {@code alerts.give-up-after} is abandoned (the guest stays flagged in the guest query).
 *
 * <p>The hub's own notices to staff (the budget alert, the cost and guest reports) take the same
 * way: {@link #notice} stores one per key, and the same route delivers it per channel.
 */
public final class StaffAlerts {

    /** A pending alert as the route sends it; {@code text} is the message to staff. */
    public record Alert(long id, boolean slackPending, boolean emailPending, String subject, String text) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(StaffAlerts.class);
    /** How many of the latest alerts the operations view shows. */
    private static final int LATEST = 20;
    /** Why an alert stopped without being sent: its flag was cleared, or no channel took it in time. */
    private static final String WITHDRAWN = "withdrawn";
    private static final String ABANDONED = "abandoned";
    private static final Map<String, String> REASONS = Map.of(ConciergeService.NOT_UNDERSTOOD,
            "the hub could not answer", ConciergeService.ASKED_FOR_PERSON, "asked for a person",
            ConciergeService.WAITING_FOR_STAFF, "no answer yet from the staff member who took the conversation");

    private final Database db;
    private final GuestRepository guests;
    private final boolean slack;
    private final boolean email;
    private final Backoff backoff;
    private final long giveUpAfterMillis;
    private final Metrics metrics;
    private final Clock clock;

    /** @param slack, email whether the channel is configured; alerts are stored only while one is */
    public StaffAlerts(Database db, GuestRepository guests, boolean slack, boolean email, long retryDelayMillis,
            long maxRetryDelayMillis, long giveUpAfterMillis, Metrics metrics, Clock clock) {
        this.db = db;
        this.guests = guests;
        this.slack = slack;
        this.email = email;
        this.backoff = new Backoff(retryDelayMillis, maxRetryDelayMillis);
        this.giveUpAfterMillis = giveUpAfterMillis;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The guest was flagged now, by inbound message {@code messageId}: one alert, in the flagging
     * transaction, sent from {@code due} on (withdrawn if staff clear the flag before).
     */
    void flagged(Connection c, long guestId, long messageId, String reason, long now, long due) throws SQLException {
        if (!slack && !email) {
            return;
        }
        Sql.insert(c, "INSERT INTO staff_alerts (guest_id, message_id, reason, slack_pending, email_pending,"
                + " next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", guestId, messageId, reason,
                slack ? 1 : 0, email ? 1 : 0, due, now, now);
    }

    /** Whether a staff channel (Slack, e-mail) is configured: else nothing is stored, nothing sent. */
    public boolean configured() {
        return slack || email;
    }

    /**
     * A notice of the hub's own to staff, delivered like an alert; once per {@code key}, whoever
     * asks again (a second node, a cron that fires twice). Answers whether it was stored now.
     */
    public boolean notice(String key, String subject, String text) {
        if (!configured()) {
            return false;
        }
        long now = clock.millis();
        boolean stored = db.write(c -> Sql.update(c, "INSERT INTO staff_alerts (notice_key, reason, subject, text,"
                + " slack_pending, email_pending, next_attempt_at, created_at, updated_at) VALUES (?, 'notice', ?, ?, ?, ?,"
                + " ?, ?, ?) ON CONFLICT (notice_key) DO NOTHING", key, subject, text, slack ? 1 : 0, email ? 1 : 0, now,
                now, now)) == 1;
        if (stored) {
            LOG.info("event=alert.notice key={}", key);
        }
        return stored;
    }

    /**
     * The latest staff alerts for the console's operations view, newest first: when, why (a guest's
     * reason, or a notice's subject such as the budget's), for which guest, and whether a channel
     * still owes it or gave up. No text: an alert's text may quote a guest, and errors may name URLs.
     */
    public ApiResponse latest() {
        List<Map<String, Object>> alerts = db.read(c -> Sql.list(c, "SELECT id, created_at, reason, subject, guest_id,"
                + " slack_pending = 1 OR email_pending = 1, last_error IS NOT NULL FROM staff_alerts"
                + " ORDER BY id DESC LIMIT " + LATEST, row -> {
                    Map<String, Object> alert = new LinkedHashMap<>();
                    alert.put("id", row.getLong(1));
                    alert.put("at", Instant.ofEpochMilli(row.getLong(2)).toString());
                    alert.put("reason", row.getString(3));
                    alert.put("subject", row.getString(4));
                    alert.put("guestId", Sql.nullableLong(row, "guest_id"));
                    alert.put("pending", row.getBoolean(6));
                    alert.put("failed", row.getBoolean(7));
                    return alert;
                }));
        return ApiResponse.ok(Map.of("alerts", alerts));
    }

    /** Alerts with a channel still pending whose next attempt is due. */
    public List<Long> due() {
        if (!slack && !email) {
            return List.of();
        }
        return db.read(c -> Sql.list(c, "SELECT id FROM staff_alerts WHERE (slack_pending = 1 OR email_pending = 1)"
                + " AND next_attempt_at <= ? ORDER BY id LIMIT 100", row -> row.getLong(1), clock.millis()));
    }

    /**
     * The alert to send, or null when it is not to be sent any more: staff cleared its flag (or the
     * guest was flagged again since: that flag has its own alert), or no channel took it within
     * give-up-after. Either way it stops being pending.
     */
    public Alert alert(@Body long id) {
        long now = clock.millis();
        Alert alert = db.read(c -> Sql.one(c, "SELECT a.id, a.slack_pending, a.email_pending, a.reason, a.guest_id,"
                + " a.created_at, a.notice_key, a.subject, a.text, g.name, g.language, g.needs_attention,"
                + " g.attention_since, m.body FROM staff_alerts a LEFT JOIN guests g ON g.id = a.guest_id"
                + " LEFT JOIN messages m ON m.id = a.message_id WHERE a.id = ?", row -> {
                    if (row.getString("notice_key") != null) { // the hub's own notice: as it was written
                        return row.getLong("created_at") + giveUpAfterMillis < now
                                ? new Alert(row.getLong("id"), false, false, ABANDONED, null)
                                : new Alert(row.getLong("id"), row.getInt("slack_pending") == 1,
                                        row.getInt("email_pending") == 1, row.getString("subject"), row.getString("text"));
                    }
                    boolean current = row.getInt("needs_attention") == 1
                            && row.getLong("attention_since") <= row.getLong("created_at");
                    if (!current) {
                        return new Alert(row.getLong("id"), false, false, WITHDRAWN, null);
                    }
                    if (row.getLong("created_at") + giveUpAfterMillis < now) {
                        return new Alert(row.getLong("id"), false, false, ABANDONED, null);
                    }
                    String name = guests.open(row.getString("name"));
                    String firstName = name == null || name.isBlank() ? "A guest" : name.trim().split("\\s+")[0];
                    String language = row.getString("language") == null ? "?" : row.getString("language");
                    long guestId = row.getLong("guest_id");
                    String subject = firstName + " (" + language + ") needs staff: "
                            + REASONS.getOrDefault(row.getString("reason"), row.getString("reason"));
                    String question = guests.open(row.getString("body"));
                    // A photo, a voice note or a location arrives as a message without text.
                    String wrote = question == null ? "" : question.isBlank()
                            ? "They sent something other than text (a photo, a voice note, a location...), which the hub"
                                    + " does not keep.\n"
                            : "They wrote: \"" + question + "\"\n";
                    String text = subject + ".\n" + wrote
                            + "Guest " + guestId + ": the conversation is at GET /api/mesh/guests/" + guestId
                            + "/messages; RESOLVE_GUEST once you took over.";
                    return new Alert(row.getLong("id"), row.getInt("slack_pending") == 1,
                            row.getInt("email_pending") == 1, subject, text);
                }, id).orElseThrow());
        if (alert.text() != null) {
            return alert;
        }
        db.write(c -> Sql.update(c, "UPDATE staff_alerts SET slack_pending = 0, email_pending = 0, last_error = ?,"
                + " updated_at = ? WHERE id = ?", alert.subject(), now, id));
        LOG.info("event=alert.{} alert={}", alert.subject(), id);
        metrics.staffAlert("none", alert.subject());
        return null;
    }

    /**
     * The Slack incoming webhook's request body (http-call's request bean). Slack reads {@code <},
     * {@code >} and {@code &} as its markup (a mention such as {@code <!channel>}, a link with any
     * label), so a guest's words are escaped as Slack asks: shown as written, never obeyed.
     */
    public Map<String, Object> build(@ExchangeProperty("alert") Alert alert) {
        return Map.of("text", alert.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    }

    /** {@code channel} (slack, email) took the alert. */
    public void sent(@ExchangeProperty("alert") Alert alert, String channel) {
        db.write(c -> Sql.update(c, "UPDATE staff_alerts SET " + pendingColumn(channel) + " = 0, updated_at = ?"
                + " WHERE id = ?", clock.millis(), alert.id()));
        LOG.info("event=alert.sent alert={} channel={}", alert.id(), channel);
        metrics.staffAlert(channel, "sent");
    }

    /** An attempt on {@code channel} failed: the alert waits retry-delay × 2^(attempts-1), at most max-retry-delay. */
    public void retryLater(@ExchangeProperty("alert") Alert alert, String channel,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause) {
        long now = clock.millis();
        String error = Failures.stored(cause);
        db.write(c -> {
            int attempts = (int) Sql.count(c, "SELECT attempts FROM staff_alerts WHERE id = ?", alert.id()) + 1;
            long wait = backoff.afterAttempts(attempts);
            return Sql.update(c, "UPDATE staff_alerts SET attempts = ?, next_attempt_at = ?, last_error = ?,"
                    + " updated_at = ? WHERE id = ?", attempts, now + wait, channel + ": " + error, now, alert.id());
        });
        LOG.warn("event=alert.failed alert={} channel={} error=\"{}\"", alert.id(), channel, Failures.logged(cause));
        metrics.staffAlert(channel, "failed");
    }

    private static String pendingColumn(String channel) {
        return switch (channel) {
            case "slack" -> "slack_pending";
            case "email" -> "email_pending";
            default -> throw new IllegalArgumentException("no alert channel " + channel);
        };
    }
}
