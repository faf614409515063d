package io.conciergehub.journey;

import io.conciergehub.guest.Booking;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;

/**
 * What the journey says of a step's message when the outbox is about to send it ({@link Journey}
 * checked both when it queued the step, but the message may have waited in the outbox since):
 * not at all once its booking is cancelled, not before the end of the quiet hours.
 */
public final class JourneySendCheck implements Outbox.JourneyCheck {

    private final QuietHours quietHours;
    private final ZoneId zone;

    public JourneySendCheck(QuietHours quietHours, ZoneId zone) {
        this.quietHours = quietHours;
        this.zone = zone;
    }

    /** The booking is the one {@code journey_steps} queued the message for. */
    @Override
    public boolean bookingCancelled(Connection c, long outboxId) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM journey_steps j JOIN bookings b ON b.id = j.booking_id"
                + " WHERE j.outbox_id = ? AND b.status = ?", outboxId, Booking.CANCELLED) > 0;
    }

    @Override
    public Long quietUntil(long now) {
        return quietHours.endOf(now, zone);
    }
}
