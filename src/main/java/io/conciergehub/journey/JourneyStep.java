package io.conciergehub.journey;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One step of the guest journey, from {@code journey.<name>.*}: the welcome is due {@code offset}
 * after the booking reached the hub; the others {@code offset} before {@code time} on the day of
 * arrival (pre-arrival) or departure (check-out). {@code template}: what goes once the guest's
 * 24-hour window is closed (null: the message is held), in {@code templateLanguage} (null: the
 * guest's language). {@code reply}: the knowledge files' reply with the free text.
 */
public record JourneyStep(String name, boolean enabled, Duration offset, LocalTime time, String template,
        String templateLanguage, String reply) {

    public static final String WELCOME = "welcome";
    public static final String PRE_ARRIVAL = "pre-arrival";
    public static final String CHECK_OUT = "check-out";

    public JourneyStep {
        template = template == null || template.isBlank() ? null : template.trim();
        templateLanguage = templateLanguage == null || templateLanguage.isBlank() ? null : templateLanguage.trim();
    }

    /**
     * When the step is due for a booking that reached the hub at {@code bookedAt}, or null (a date
     * it needs is unknown). The welcome names the arrival day, so it waits until that is known (and
     * goes only until that day: the journey's query).
     */
    public Long dueAt(long bookedAt, LocalDate arrival, LocalDate departure, ZoneId zone) {
        LocalDate day = day(arrival, departure);
        if (day == null) {
            return null;
        }
        return WELCOME.equals(name) ? bookedAt + offset.toMillis()
                : shifted(ZonedDateTime.of(day, time, zone), -1).toInstant().toEpochMilli();
    }

    /**
     * True once the last day this step may go on has passed ({@code today} is after it): it will not
     * go. The welcome and the pre-arrival message go until the arrival day, the check-out message
     * on the departure day (the journey's query selects no step past it, and a message that waited
     * in the outbox past it does not leave: {@link JourneySendCheck}).
     */
    public boolean passed(LocalDate arrival, LocalDate departure, LocalDate today) {
        LocalDate lastDay = day(arrival, departure);
        return lastDay != null && lastDay.isBefore(today);
    }

    /**
     * The day the step is about, its last, and the one its message names and {@code journey_steps}
     * records: the departure for the check-out, else the arrival.
     */
    public LocalDate day(LocalDate arrival, LocalDate departure) {
        return CHECK_OUT.equals(name) ? departure : arrival;
    }

    /**
     * Whether the step, recorded for {@code recorded}, is done for a booking with these dates: the
     * welcome whatever day it named (a guest whose stay moved is not welcomed again), the others for
     * their day only (a moved stay gets them again for its new dates).
     */
    public boolean doneFor(LocalDate recorded, LocalDate arrival, LocalDate departure) {
        return WELCOME.equals(name) || Objects.equals(recorded, day(arrival, departure));
    }

    /**
     * The last day whose date-based step may be due at {@code now}: the step's day is at most this
     * (the selection's bound: the exact time is checked per row).
     */
    public LocalDate lastDayDueBy(long now, ZoneId zone) {
        return shifted(ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(now), zone), 1).toLocalDate();
    }

    /**
     * {@code at} moved by the offset ({@code sign} -1: before it): its whole days as calendar days,
     * so "2d" before 10:00 is 10:00 two days earlier across a change of the clocks too (48 hours
     * would be 09:00 or 11:00), then the rest as elapsed time.
     */
    private ZonedDateTime shifted(ZonedDateTime at, int sign) {
        long days = offset.toDays();
        return at.plusDays(sign * days).plus(offset.minusDays(days).multipliedBy(sign));
    }
}
