package io.conciergehub.journey;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** {@code journey.quiet-hours}, e.g. {@code 22:00-08:00}: a range that may cross midnight; empty or equal ends: none. */
public record QuietHours(LocalTime start, LocalTime end) {

    public static QuietHours parse(String text) {
        if (text == null || text.isBlank()) {
            return new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        }
        String[] ends = text.split("-", -1);
        return new QuietHours(LocalTime.parse(ends[0].trim()), LocalTime.parse(ends[1].trim()));
    }

    /**
     * When the quiet hours that {@code now} falls in end, in epoch milliseconds (their end on the
     * day it falls on in {@code zone}, or the next), or null when it falls outside them.
     */
    public Long endOf(long now, ZoneId zone) {
        ZonedDateTime at = Instant.ofEpochMilli(now).atZone(zone);
        if (!contains(at.toLocalTime())) {
            return null;
        }
        ZonedDateTime until = ZonedDateTime.of(at.toLocalDate(), end, zone);
        return (until.isAfter(at) ? until : ZonedDateTime.of(at.toLocalDate().plusDays(1), end, zone))
                .toInstant().toEpochMilli();
    }

    /** Whether {@code time} falls inside (the start included, the end not). */
    public boolean contains(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }
}
