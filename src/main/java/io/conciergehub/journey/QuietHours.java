package io.conciergehub.journey;

import java.time.LocalTime;

/** {@code journey.quiet-hours}, e.g. {@code 22:00-08:00}: a range that may cross midnight; empty or equal ends: none. */
public record QuietHours(LocalTime start, LocalTime end) {

    public static QuietHours parse(String text) {
        if (text == null || text.isBlank()) {
            return new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        }
        String[] ends = text.split("-", -1);
        return new QuietHours(LocalTime.parse(ends[0].trim()), LocalTime.parse(ends[1].trim()));
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
