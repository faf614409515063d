package io.conciergehub.watchers;

import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code scripts/bench.sh flights}: how many AeroAPI calls a day, and what they cost, the flight watch
 * makes for a simulated 40-room hotel, with and without the night and idle pauses.
 *
 * <p>A hub (the real beans on a SQLite file) gets a week of arrivals through the sync API: about 13
 * bookings a day (40 rooms, stays of about three nights), half of them by air, landing between
 * 08:00 and 23:45, some on the same flight. A simulated clock then moves in steps of the flight
 * watch's cron (15 minutes) over ten days, and at each step does what the {@code flights} route does:
 * the flights due, each asked unless its answer is still fresh, the answer read for its guests. The
 * answers say each flight lands on time, at its time. With the pauses, a step is skipped while the
 * schedule ({@code Schedules.wanted}) says the cloud-facing work is paused. Calls are counted where
 * the watch counts them (the cost meter); the answers come from this class, not over HTTP, since a
 * call is counted the same either way.
 */
public final class FlightCallsSimulation {

    static final LocalDate FIRST_DAY = LocalDate.parse("2027-05-03");
    static final int DAYS = 10;
    static final int ARRIVALS_A_DAY = 13;
    static final Duration STEP = Duration.ofMinutes(15);
    static final double PER_CALL = 0.005;

    public static void main(String[] args) throws Exception {
        Result without = run(false);
        Result with = run(true);
        System.out.printf(Locale.ROOT, "flight watch, 40 rooms: %d flight bookings on %d flights (flight-days) over 7 days of arrivals,"
                + " %d days simulated, a poll every %d min%n", with.flightBookings, with.flights, DAYS, STEP.toMinutes());
        System.out.println("day          calls (no pauses)   calls (night and idle pauses)");
        for (int day = 0; day < DAYS; day++) {
            System.out.printf(Locale.ROOT, "%s   %5d               %5d%n", FIRST_DAY.plusDays(day), without.callsByDay[day],
                    with.callsByDay[day]);
        }
        for (Result result : List.of(without, with)) {
            int total = java.util.Arrays.stream(result.callsByDay).sum();
            System.out.printf(Locale.ROOT, "%-28s %5d calls, %.2f a day over the 7 days of arrivals, %.1f per flight"
                    + " booking, cost %.2f in all, %.3f a day (at %.3f a call)%n", result.pauses
                            ? "with night and idle pauses:" : "without pauses:", total, result.arrivalWeekCalls / 7.0,
                    total / (double) result.flightBookings, total * PER_CALL, result.arrivalWeekCalls / 7.0 * PER_CALL,
                    PER_CALL);
        }
    }

    record Result(boolean pauses, int[] callsByDay, int arrivalWeekCalls, int flightBookings, int flights) {
    }

    static Result run(boolean pauses) throws Exception {
        TestClock clock = TestClock.at(FIRST_DAY.atStartOfDay());
        Map<String, Instant> landings = new HashMap<>(); // flight|day -> when it lands
        int flightBookings = 0;
        try (TestHub hub = TestHub.builder().clock(clock).property("flightaware.api-key", "simulated")
                // the route never fires: the simulation takes its steps
                .property("flightaware.cron", "0 0 0 1 1 ? 2099")
                .property("journey.welcome.enabled", "false").property("journey.pre-arrival.enabled", "false")
                .property("journey.check-out.enabled", "false").start()) {
            Random random = new Random(40);
            for (int day = 1; day <= 7; day++) {
                LocalDate arrival = FIRST_DAY.plusDays(day);
                for (int guest = 0; guest < ARRIVALS_A_DAY; guest++) {
                    String flight = null;
                    if (random.nextBoolean()) {
                        flight = "AZ" + (600 + random.nextInt(40));
                        LocalTime time = LocalTime.of(8, 0).plusMinutes(15L * random.nextInt(64));
                        landings.putIfAbsent(flight + "|" + arrival,
                                arrival.atTime(time).atZone(TestClock.HOTEL).toInstant());
                        flightBookings++;
                    }
                    Flights.book(hub, "S-" + day + "-" + guest, "Guest " + day + "-" + guest,
                            "+3933312" + String.format(Locale.ROOT, "%05d", day * 100 + guest), "it", arrival.toString(),
                            flight);
                }
            }
            FlightWatch watch = hub.context().getRegistry().lookupByNameAndType("flightWatch", FlightWatch.class);
            Schedules schedules = hub.context().getRegistry().lookupByNameAndType("schedules", Schedules.class);
            int[] callsByDay = new int[DAYS];
            int arrivalWeekCalls = 0;
            LocalDateTime end = FIRST_DAY.plusDays(DAYS).atStartOfDay();
            for (LocalDateTime now = FIRST_DAY.atStartOfDay(); now.isBefore(end); now = now.plus(STEP)) {
                clock.moveTo(now);
                if (pauses && !Schedules.NONE.equals(schedules.wanted())) {
                    continue;
                }
                for (FlightWatch.FlightCheck flight : watch.due()) {
                    String answer = watch.cached(flight);
                    if (answer == null) {
                        answer = watch.fetched(flight, answer(flight.ident(), landings, clock.instant()));
                        int day = (int) java.time.temporal.ChronoUnit.DAYS.between(FIRST_DAY, now.toLocalDate());
                        callsByDay[day]++;
                        if (day >= 1 && day <= 7) {
                            arrivalWeekCalls++;
                        }
                    }
                    watch.tell(flight, answer);
                }
            }
            return new Result(pauses, callsByDay, arrivalWeekCalls, flightBookings,
                    landings.size());
        }
    }

    /** AeroAPI's answer for the flight: each day it flies in the simulation, on time, landed once its time passed. */
    private static String answer(String ident, Map<String, Instant> landings, Instant now) {
        List<String> legs = new ArrayList<>();
        landings.forEach((key, lands) -> {
            if (key.startsWith(ident + "|")) {
                String leg = AeroApiStub.leg(ident, ident + "-" + lands.getEpochSecond(), "FCO", "LIRF", lands, lands,
                        false, false);
                legs.add(lands.isAfter(now) ? leg : leg.replace("\"actual_on\":null", "\"actual_on\":\""
                        + lands.minusSeconds(600) + "\"").replace("\"actual_in\":null", "\"actual_in\":\"" + lands + "\""));
            }
        });
        return "{\"links\":null,\"num_pages\":1,\"flights\":[" + String.join(",", legs) + "]}";
    }
}
