package io.conciergehub.watchers;

import io.conciergehub.guest.Booking;
import io.conciergehub.mesh.CommandStore;
import io.conciergehub.mesh.WorkerControl;
import io.conciergehub.mesh.WorkerControl.Pause;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.Date;
import java.util.TimeZone;
import org.apache.camel.ExchangeProperty;
import org.quartz.CronExpression;

/**
 * The steps of the {@code schedules} route: when the cloud-facing work (route group {@code cloud})
 * should be paused, and by which rule. Night: from each {@code schedules.pause-cron} to the next
 * {@code schedules.resume-cron}, in the hotel's time zone. Idle: once no guest (booking not cancelled)
 * has been in house or arriving within {@code schedules.arrivals-window} for {@code schedules.idle-after},
 * until one is.
 *
 * <p>The schedule pauses only once no command is running (else at its next check), and lifts only
 * a pause it set itself: a pause by hand (PAUSE_WORKERS) stays until RESUME_WORKERS. A resume by hand
 * during the night holds until the next {@code schedules.pause-cron}; during idleness it starts the
 * idle count again. The crons are read on the hub's clock at each check (the route's own cron), so a
 * pause or resume happens at the first check at or after its time; the first check after a start
 * reads the crons' last week, so a hub down at the resume-cron lifts the night pause at its first
 * check and one started inside the night pauses. The crons are read on the hotel's wall clock: a
 * time the clock skips (02:00 on the night summer time begins) fires as the clock jumps past it.
 */
public final class Schedules {

    /** Why the schedule wants the work paused: {@link WorkerControl#NIGHT}, {@link WorkerControl#IDLE}, or {@value #NONE}. */
    public static final String NONE = "none";
    public static final String BY_NIGHT = "schedule-night";
    public static final String BY_IDLE = "schedule-idle";
    /** Who resumed what the schedule paused. */
    public static final String BY_SCHEDULE = "schedule";

    /** The settings of the schedule: {@code schedules.*}. */
    public record Settings(String pauseCron, String resumeCron, Duration idleAfter, Duration arrivalsWindow) {
    }

    private final Database db;
    private final WorkerControl workers;
    private final CommandStore commands;
    private final Clock clock;
    private final ZoneId zone;
    private final CronExpression pauseAt;
    private final CronExpression resumeAt;
    private final Settings settings;

    private Instant lastCheck;
    // Since the last pause-cron until the next resume-cron; a hand resume in between ends it.
    private Instant nightSince;
    // Since when no guest was in house or arriving within the window (null: one is).
    private Instant quietSince;

    Schedules(Database db, WorkerControl workers, CommandStore commands, Clock clock, ZoneId zone, Settings settings)
            throws ParseException {
        this.db = db;
        this.workers = workers;
        this.commands = commands;
        this.clock = clock;
        this.zone = zone;
        this.settings = settings;
        this.pauseAt = cron(settings.pauseCron());
        this.resumeAt = cron(settings.resumeCron());
        // No check yet: the first one reads the crons' last week, so a hub started inside the night
        // pauses, and one started after the resume-cron lifts the night pause it finds stored (the
        // hub was down at the resume-cron).
        this.lastCheck = null;
        Pause stored = workers.state();
        // The stored night pause, where the crons' last week says nothing (a cron firing less often).
        this.nightSince = stored.paused() && BY_NIGHT.equals(stored.by()) ? stored.since() : null;
        // ... and a stored idle pause until a guest is in house or arriving within the window.
        this.quietSince = stored.paused() && BY_IDLE.equals(stored.by()) ? stored.since().minus(settings.idleAfter())
                : null;
    }

    /**
     * The cron on wall-clock times (UTC stands for the hotel's local time, which has no gaps): Quartz
     * in the hotel's zone skips a fire the clock jumps over, and 02:00 does not exist on the night
     * summer time begins, so that night would not pause.
     */
    private static CronExpression cron(String expression) throws ParseException {
        CronExpression cron = new CronExpression(expression);
        cron.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        return cron;
    }

    /** Why the work should be paused now: night, idle or none. */
    public synchronized String wanted() {
        Instant now = clock.instant();
        Instant paused = lastFire(pauseAt, now);
        Instant resumed = lastFire(resumeAt, now);
        if (paused != null && (resumed == null || paused.isAfter(resumed))) {
            nightSince = paused;
        } else if (resumed != null) {
            nightSince = null;
        }
        lastCheck = now;
        Pause stored = workers.state();
        Instant resumedByHand = !stored.paused() && stored.byHand() ? stored.since() : null;
        if (nightSince != null && resumedByHand != null && !resumedByHand.isBefore(nightSince)) {
            nightSince = null; // an operator resumed the work this night: it stays resumed until the next one
        }
        if (guestsInHouseOrArrivingSoon(now)) {
            quietSince = null;
        } else if (quietSince == null) {
            quietSince = now;
        }
        Instant quietFrom = quietSince == null || resumedByHand == null || quietSince.isAfter(resumedByHand)
                ? quietSince : resumedByHand;
        if (nightSince != null) {
            return WorkerControl.NIGHT;
        }
        return quietFrom != null && !now.isBefore(quietFrom.plus(settings.idleAfter())) ? WorkerControl.IDLE : NONE;
    }

    /**
     * The newest fire time of the cron after the last check and at or before now; null if none. The
     * first check (at start), and a clock that jumped far (a test's, or a resumed machine's), look at
     * the last week only.
     */
    private Instant lastFire(CronExpression cron, Instant now) {
        Instant last = null;
        Instant weekAgo = now.minus(Duration.ofDays(7));
        Date next = cron.getNextValidTimeAfter(wallClock(lastCheck != null && lastCheck.isAfter(weekAgo) ? lastCheck
                : weekAgo));
        Date until = wallClock(now);
        for (int i = 0; next != null && !next.after(until) && i < 100_000; i++) {
            last = instant(next);
            next = cron.getNextValidTimeAfter(next);
        }
        return last;
    }

    /** The hotel's wall-clock time at {@code time}, as the crons read it (see {@link #cron}). */
    private Date wallClock(Instant time) {
        return Date.from(LocalDateTime.ofInstant(time, zone).toInstant(ZoneOffset.UTC));
    }

    /** When the hotel's clock shows {@code wallClock}; a time it skips, when it jumps past it. */
    private Instant instant(Date wallClock) {
        LocalDateTime local = LocalDateTime.ofInstant(wallClock.toInstant(), ZoneOffset.UTC);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        return transition != null && transition.isGap() ? transition.getInstant() : local.atZone(zone).toInstant();
    }

    /**
     * Whether a booking (not cancelled) is in house today or arrives within the window: its arrival
     * by the window's last day, its departure (its arrival day when not known, as the reports and the
     * weather watch count it) today or later. A departure is never before its arrival (stored so).
     */
    private boolean guestsInHouseOrArrivingSoon(Instant now) {
        String today = LocalDate.ofInstant(now, zone).toString();
        String until = LocalDate.ofInstant(now.plus(settings.arrivalsWindow()), zone).toString();
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM bookings WHERE status <> ? AND arrival <= ?"
                + " AND COALESCE(departure, arrival) >= ?", Booking.CANCELLED, until, today)) > 0;
    }

    /** Whether the command worker runs a command now: the schedule pauses only once none does. */
    public boolean commandRunning() {
        return commands.anyRunning();
    }

    /** Whether pausing for {@code reason} would change anything: the work is neither paused so nor by hand. */
    public boolean unsettled(@ExchangeProperty("wanted") String reason) {
        return !settled(workers.state(), reason);
    }

    private static boolean settled(Pause current, String reason) {
        return current.paused() && (current.byHand() || by(reason).equals(current.by()));
    }

    private static String by(String reason) {
        return WorkerControl.NIGHT.equals(reason) ? BY_NIGHT : BY_IDLE;
    }

    /** Pauses the work for {@code reason} (night or idle), unless it is paused by hand or already for it. */
    public void hold(@ExchangeProperty("wanted") String reason) throws Exception {
        workers.change(current -> settled(current, reason) ? current : workers.paused(by(reason), reason));
    }

    /** Resumes the work if the schedule paused it; a pause by hand stays. */
    public void lift() throws Exception {
        workers.change(current -> current.paused() && !current.byHand() ? workers.resumed(BY_SCHEDULE) : current);
    }
}
