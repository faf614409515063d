package io.conciergehub.watchers;

import io.conciergehub.concierge.StaffAlerts;
import io.conciergehub.mesh.WorkerControl;
import io.conciergehub.mesh.WorkerControl.Pause;
import io.conciergehub.ops.CostMeter;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.ExchangeProperty;

/**
 * The steps of the {@code budget} route: the month so far (in the hotel's time zone) set against
 * {@code costs.monthly-budget}. At {@code costs.alert-percent} staff are told once a month (the staff
 * channels, as a notice of {@link StaffAlerts}); at 100 % the paid pollers pause (the stored pause of
 * {@link WorkerControl#PAID_POLLERS}, by and for {@value WorkerControl#BUDGET}) and the LLM is not
 * asked, until the next month or RESUME_WORKERS. A resume by hand holds for the rest of the month.
 *
 * <p>Checked on a schedule rather than where costs are charged: the charges are written inside other
 * flows' transactions (an outbox send, a flight answer, a model's answer), which should not suspend
 * routes or write alerts; and a new month lifts the pause when nothing is charged at all.
 */
public final class Budget {

    private final WorkerControl workers;
    private final CostMeter costs;
    private final StaffAlerts alerts;
    private final Clock clock;
    private final ZoneId zone;
    private final int alertPercent;

    Budget(WorkerControl workers, CostMeter costs, StaffAlerts alerts, Clock clock, ZoneId zone, int alertPercent) {
        this.workers = workers;
        this.costs = costs;
        this.alerts = alerts;
        this.clock = clock;
        this.zone = zone;
        this.alertPercent = alertPercent;
    }

    /** This month so far: {month, spent, budget, byItem} (CostMeter). */
    public Map<String, Object> month() {
        return costs.monthToDate();
    }

    /** A pause the budget made in an earlier month is lifted: the new month has its budget again. */
    public void newMonth() throws Exception {
        YearMonth now = YearMonth.now(clock.withZone(zone));
        workers.changePaid(current -> current.paused() && WorkerControl.BUDGET.equals(current.by())
                && YearMonth.from(current.since().atZone(zone)).isBefore(now) ? workers.resumed(WorkerControl.BUDGET)
                : current);
    }

    /** Whether the month's spending reached costs.alert-percent of a budget (0: none). */
    public boolean nearing(@ExchangeProperty("month") Map<String, Object> month) {
        return budget(month) > 0 && spent(month) * 100 >= budget(month) * alertPercent;
    }

    /** Whether the month's budget is spent. */
    public boolean reached(@ExchangeProperty("month") Map<String, Object> month) {
        return budget(month) > 0 && spent(month) >= budget(month);
    }

    /** Tells staff, once this month, how much of the budget is spent. */
    public void alert(@ExchangeProperty("month") Map<String, Object> month) {
        String subject = "Concierge Hub: " + alertPercent + " % of the monthly budget spent";
        alerts.notice("budget-alert:" + month.get("month"), subject, subject + ".\n" + figures(month)
                + "At 100 % the flight and weather watches pause and the model is not asked until the month ends"
                + " or RESUME_WORKERS.");
    }

    /**
     * The paid pollers pause for the rest of the month, unless an operator resumed them this month
     * after the budget paused them (then the month is theirs); staff are told once.
     */
    public void hold(@ExchangeProperty("month") Map<String, Object> month) throws Exception {
        YearMonth now = YearMonth.now(clock.withZone(zone));
        Pause after = workers.changePaid(current -> current.paused() || resumedByHandIn(current, now) ? current
                : workers.paused(WorkerControl.BUDGET, WorkerControl.BUDGET));
        if (after.paused()) {
            String subject = "Concierge Hub: the monthly budget is spent";
            alerts.notice("budget-reached:" + month.get("month"), subject, subject + ".\n" + figures(month)
                    + "The flight and weather watches are paused and the model is not asked until the month ends;"
                    + " RESUME_WORKERS resumes them for the rest of the month.");
        }
    }

    /** Whether the budget holds the LLM now: its pause of the paid pollers is on. */
    public boolean holdsTheModel() {
        Pause paid = workers.paidState();
        return paid.paused() && WorkerControl.BUDGET.equals(paid.reason());
    }

    private boolean resumedByHandIn(Pause current, YearMonth month) {
        return !current.paused() && current.byHand() && YearMonth.from(current.since().atZone(zone)).equals(month);
    }

    @SuppressWarnings("unchecked")
    static String figures(Map<String, Object> month) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Spent %.2f of %.2f in %s.%n",
                spent(month), budget(month), month.get("month")));
        ((Map<String, Map<String, Object>>) month.get("byItem")).forEach((item, line) -> text.append(String.format(
                Locale.ROOT, "- %s: %d calls, %.2f%n", item, ((Number) line.get("calls")).longValue(),
                ((Number) line.get("cost")).doubleValue())));
        return text.toString();
    }

    private static double spent(Map<String, Object> month) {
        return ((Number) month.get("spent")).doubleValue();
    }

    private static double budget(Map<String, Object> month) {
        return ((Number) month.get("budget")).doubleValue();
    }
}
