package io.conciergehub.watchers;

import io.conciergehub.concierge.StaffAlerts;
import io.conciergehub.guest.Booking;
import io.conciergehub.mesh.WeeklyReport;
import io.conciergehub.ops.CostMeter;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;

/**
 * The steps of the {@code reports-*} routes: the reports staff get in their channels (Slack, e-mail;
 * {@link StaffAlerts} notices, delivered and retried like the alerts). Weekly: the guest report of
 * {@code GET /api/mesh/reports/weekly} (the same figures, the same code) and the last seven days'
 * costs. Monthly: the previous month's costs. Each is stored once per period (the day it covers up
 * to, the month), so a cron that fires twice or a node that takes over sends it once.
 */
public final class Reports {

    private final Database db;
    private final CostMeter costs;
    private final WeeklyReport weekly;
    private final StaffAlerts alerts;
    private final Clock clock;

    Reports(Database db, CostMeter costs, WeeklyReport weekly, StaffAlerts alerts, Clock clock) {
        this.db = db;
        this.costs = costs;
        this.weekly = weekly;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The last seven days: the guest report and the costs, as two notices. */
    @SuppressWarnings("unchecked")
    public void weekly() {
        if (!alerts.configured()) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(costs.zone()));
        LocalDate from = today.minusDays(7);
        LocalDate to = today.minusDays(1);
        Map<String, Object> guests = (Map<String, Object>) weekly.weekly().body();
        StringBuilder text = new StringBuilder("Concierge Hub: the week's guests (" + from + " to " + to + ")\n");
        text.append("- new guests: ").append(guests.get("newGuests")).append('\n');
        ((Map<String, Object>) guests.get("bookingsBySource")).forEach((source, count) -> text.append("- bookings from ")
                .append(source).append(": ").append(count).append('\n'));
        text.append("- messages in: ").append(guests.get("messagesIn")).append(", out: ").append(guests.get("messagesOut"))
                .append('\n');
        text.append("- answer rate: ").append(or(guests.get("answerRate"), "%")).append('\n');
        text.append("- median time to an answer: ").append(or(guests.get("medianAnswerSeconds"), " s")).append('\n');
        text.append("- conversations that needed staff: ").append(guests.get("conversationsThatNeededStaff")).append('\n');
        text.append("- opt-outs: ").append(guests.get("optOuts")).append('\n');
        alerts.notice("report-weekly-guests:" + today, "Concierge Hub: the week's guests", text.toString());
        alerts.notice("report-weekly-costs:" + today, "Concierge Hub: the week's costs",
                costReport("the week's costs", from, to));
    }

    /** The previous month's costs. */
    public void monthly() {
        if (!alerts.configured()) {
            return;
        }
        YearMonth month = YearMonth.now(clock.withZone(costs.zone())).minusMonths(1);
        alerts.notice("report-monthly-costs:" + month, "Concierge Hub: the costs of " + month,
                costReport("the costs of " + month, month.atDay(1), month.atEndOfMonth()));
    }

    /** Calls and cost in all and per item, and the cost per guest (guests whose stay overlaps the period). */
    @SuppressWarnings("unchecked")
    private String costReport(String title, LocalDate from, LocalDate to) {
        Map<String, Object> period = costs.between(from, to);
        long stayed = db.read(c -> Sql.count(c, "SELECT COUNT(DISTINCT guest_id) FROM bookings WHERE status <> ?"
                + " AND arrival <= ? AND COALESCE(departure, arrival) >= ?", Booking.CANCELLED, to.toString(),
                from.toString()));
        double spent = ((Number) period.get("spent")).doubleValue();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Concierge Hub: %s (%s to %s)%n", title, from,
                to));
        text.append(String.format(Locale.ROOT, "- paid calls: %d, cost: %.2f%n", ((Number) period.get("calls")).longValue(),
                spent));
        text.append(stayed == 0 ? "- cost per guest: no guest stayed\n"
                : String.format(Locale.ROOT, "- cost per guest: %.2f (%d guests)%n", spent / stayed, stayed));
        ((Map<String, Map<String, Object>>) period.get("byItem")).forEach((item, line) -> text.append(String.format(
                Locale.ROOT, "- %s: %d calls, %.2f%n", item, ((Number) line.get("calls")).longValue(),
                ((Number) line.get("cost")).doubleValue())));
        return text.toString();
    }

    private static String or(Object value, String unit) {
        return value == null ? "-" : value + unit;
    }
}
