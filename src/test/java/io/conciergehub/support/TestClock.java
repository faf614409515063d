package io.conciergehub.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves, forward only (the hub's sweeps, windows and queues assume time does not go
 * back). Bound as the hub's {@code clock} by {@link TestHub.Builder#clock(Clock)}.
 */
public final class TestClock extends Clock {

    /** The hotel's time zone in the tests: application.properties' {@code concierge.timezone}. */
    public static final ZoneId HOTEL = ZoneId.of("Europe/Rome");

    private volatile Instant now;

    private TestClock(Instant start) {
        this.now = start;
    }

    /** A clock at this time of day in the hotel's zone. */
    public static TestClock at(LocalDateTime hotelTime) {
        return new TestClock(hotelTime.atZone(HOTEL).toInstant());
    }

    /** Moves to this time of day in the hotel's zone; never back. */
    public synchronized void moveTo(LocalDateTime hotelTime) {
        Instant next = hotelTime.atZone(HOTEL).toInstant();
        if (next.isBefore(now)) {
            throw new IllegalArgumentException("a test clock does not go back");
        }
        now = next;
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
