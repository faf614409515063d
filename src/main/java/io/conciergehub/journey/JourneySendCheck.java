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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the journey says of a step's message when the outbox is about to send it ({@link Journey}
 * checked all this when it queued the step, but the message may have waited in the outbox since):
 * not at all once its booking is cancelled or the step's last day has passed by the time it would
 * go ({@link JourneyStep#passed}), not before the end of the quiet hours.
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

    /** The booking and step are the ones {@code journey_steps} queued the message for. */
    @Override
    public Verdict verdict(Connection c, long outboxId, long goesAt) throws SQLException {
        return Sql.one(c, "SELECT j.step, b.status, b.arrival, b.departure FROM journey_steps j"
                + " JOIN bookings b ON b.id = j.booking_id WHERE j.outbox_id = ?", r -> {
                    if (Booking.CANCELLED.equals(r.getString(2))) {
                        return Verdict.BOOKING_CANCELLED;
                    }
                    JourneyStep step = steps.get(r.getString(1));
                    return step != null && step.passed(Journey.date(r.getString(3)), Journey.date(r.getString(4)),
                            LocalDate.ofInstant(Instant.ofEpochMilli(goesAt), zone)) ? Verdict.DAY_PASSED : Verdict.GOES;
                }, outboxId).orElse(Verdict.GOES);
    }

    @Override
    public Long quietUntil(long now) {
        return quietHours.endOf(now, zone);
    }
}
