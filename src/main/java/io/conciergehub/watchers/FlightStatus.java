package io.conciergehub.watchers;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One flight's state as AeroAPI's {@code GET /flights/{ident}} tells it, for a guest arriving on a
 * given day: the leg that brings them (destination among the hotel's airports), when it is now
 * expected at the gate, and whether it was cancelled or diverted.
 *
 * <p>A diverted flight comes as several entries with one {@code fa_flight_id}: they are one flight,
 * diverted if any of them says so. Of the flights found (about 14 days of them), the one whose
 * scheduled arrival is nearest to the guest's arrival day in the hotel's time zone, within a day
 * of it, is the guest's.
 *
 * @param scheduledArrival the timetable's arrival at the gate (or runway when the gate time is unknown)
 * @param expectedArrival  the arrival now expected: actual once landed, else estimated, else scheduled
 * @param landed           a leg of it touched down (actual_on or actual_in): nothing more will change for the guest
 * @param destination      the airport the flight was scheduled to reach (IATA code when known)
 */
public record FlightStatus(String flightId, Instant scheduledArrival, Instant expectedArrival, boolean cancelled,
        boolean diverted, boolean landed, String destination) {

    /** Landed or cancelled: the guest waits for nothing more of this leg, and it is not asked about again. */
    boolean settled() {
        return landed || cancelled;
    }

    /** The guest's flight among AeroAPI's answer, empty when none arrives at the hotel's airports that day. */
    static Optional<FlightStatus> of(JsonNode answer, LocalDate arrivalDay, Set<String> airports, ZoneId zone) {
        Map<String, List<JsonNode>> byFlight = new LinkedHashMap<>();
        for (JsonNode entry : answer.path("flights")) {
            String id = entry.path("fa_flight_id").asText("");
            byFlight.computeIfAbsent(id.isEmpty() ? "entry-" + byFlight.size() : id, key -> new ArrayList<>()).add(entry);
        }
        Instant day = arrivalDay.atTime(12, 0).atZone(zone).toInstant();
        List<FlightStatus> candidates = new ArrayList<>();
        byFlight.forEach((id, entries) -> {
            // The scheduled leg: the entry bound for the hotel's airports (the first, if it names none).
            JsonNode leg = entries.stream().filter(entry -> reaches(entry, airports)).findFirst().orElse(null);
            if (leg == null) {
                return;
            }
            Instant scheduled = time(leg, "scheduled_in", "scheduled_on");
            if (scheduled == null || Duration.between(day, scheduled).abs().compareTo(Duration.ofHours(24)) > 0) {
                return;
            }
            boolean diverted = entries.stream().anyMatch(entry -> entry.path("diverted").asBoolean(false));
            boolean cancelled = entries.stream().allMatch(entry -> entry.path("cancelled").asBoolean(false));
            Instant expected = time(leg, "actual_in", "actual_on", "estimated_in", "estimated_on", "scheduled_in",
                    "scheduled_on");
            JsonNode destination = leg.path("destination");
            String code = destination.path("code_iata").asText(destination.path("code").asText(""));
            boolean landed = entries.stream().anyMatch(entry -> time(entry, "actual_on", "actual_in") != null);
            candidates.add(new FlightStatus(id, scheduled, expected, cancelled, diverted, landed, code));
        });
        return candidates.stream().min(Comparator.comparing(flight -> Duration.between(day, flight.scheduledArrival()).abs()));
    }

    /** By how much the expected arrival is later than {@code baseline}; negative when earlier. */
    Duration delayAfter(Instant baseline) {
        return Duration.between(baseline, expectedArrival);
    }

    private static boolean reaches(JsonNode entry, Set<String> airports) {
        if (airports.isEmpty()) {
            return true;
        }
        JsonNode destination = entry.path("destination");
        for (String field : new String[] {"code", "code_iata", "code_icao"}) {
            if (airports.contains(destination.path(field).asText("").toUpperCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The first of the fields that holds a time. */
    private static Instant time(JsonNode entry, String... fields) {
        for (String field : fields) {
            String text = entry.path(field).asText("");
            if (!text.isEmpty()) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException unreadable) {
                    // the next field, or none
                }
            }
        }
        return null;
    }
}
