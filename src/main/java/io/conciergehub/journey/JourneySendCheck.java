package io.conciergehub.journey;

import io.conciergehub.guest.Booking;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the journey says of a step's message when the outbox is about to send it ({@link Journey}
 * checked all this when it queued the step, but the message may have waited in the outbox since):
 * not at all once its booking is cancelled, the day it names is no longer its booking's (the stay
 * moved) or the step's last day has passed by the time it would go ({@link JourneyStep#passed}), not
 * before the end of the quiet hours.
 */
public final class JourneySendCheck implements Outbox.JourneyCheck {

    private final QuietHours quietHours;
    private final ZoneId zone;
    private final Map<String, JourneyStep> steps;

    public JourneySendCheck(QuietHours quietHours, ZoneId zone, List<JourneyStep> steps) {
        this.quietHours = quietHours;
        this.zone = zone;
        this.steps = steps.stream().collect(Collectors.toMap(JourneyStep::name, Function.identity()));
    }

    /**
     * The booking, step and day are the ones {@code journey_steps} queued the message for: its
     * newest row with this outbox id. (Retention deletes old outbox rows, and SQLite may give a new
     * row the id of a deleted one; a step's row stays, naming the id it had then.)
     */
    @Override
    public Verdict verdict(Connection c, long outboxId, long goesAt) throws SQLException {
        return Sql.one(c, "SELECT j.step, j.day, b.status, b.arrival, b.departure FROM journey_steps j"
                + " JOIN bookings b ON b.id = j.booking_id WHERE j.outbox_id = ? ORDER BY j.id DESC LIMIT 1", r -> {
                    if (Booking.CANCELLED.equals(r.getString(3))) {
                        return Verdict.BOOKING_CANCELLED;
                    }
                    JourneyStep step = steps.get(r.getString(1));
                    if (step == null) {
                        return Verdict.GOES;
                    }
                    LocalDate arrival = Journey.date(r.getString(4));
                    LocalDate departure = Journey.date(r.getString(5));
                    if (!Objects.equals(Journey.date(r.getString(2)), step.day(arrival, departure))) {
                        return Verdict.DATE_CHANGED;
                    }
                    return step.passed(arrival, departure, LocalDate.ofInstant(Instant.ofEpochMilli(goesAt), zone))
                            ? Verdict.DAY_PASSED : Verdict.GOES;
                }, outboxId).orElse(Verdict.GOES);
    }

    /**
     * The step of a message cancelled because the stay moved did not happen: forgotten, it is
     * queued for the booking's dates (the welcome too, naming the new arrival), also when the stay
     * moves back to the day the message named.
     */
    @Override
    public void dateChanged(Connection c, long outboxId) throws SQLException {
        Sql.update(c, "DELETE FROM journey_steps WHERE id = (SELECT MAX(id) FROM journey_steps WHERE outbox_id = ?)",
                outboxId);
    }

    @Override
    public Long quietUntil(long now) {
        return quietHours.endOf(now, zone);
    }
}
