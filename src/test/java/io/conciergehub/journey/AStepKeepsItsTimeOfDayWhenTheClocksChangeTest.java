package io.conciergehub.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * journey.pre-arrival.offset = 2d before 10:00 is 10:00 two calendar days before the arrival, also
 * when the clocks change in between (Europe/Rome: 29 March and 25 October 2026), not 48 hours
 * before it (09:00 in spring, 11:00 in autumn).
 */
class AStepKeepsItsTimeOfDayWhenTheClocksChangeTest {

    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    static final JourneyStep PRE_ARRIVAL = new JourneyStep(JourneyStep.PRE_ARRIVAL, true, Duration.ofDays(2),
            LocalTime.of(10, 0), null, null, null);

    @Test
    void twoDaysBeforeIsTheSameTimeOfDay() {
        assertThat(dueLocally(LocalDate.of(2026, 3, 30))).isEqualTo(LocalDateTime.of(2026, 3, 28, 10, 0));
        assertThat(dueLocally(LocalDate.of(2026, 10, 26))).isEqualTo(LocalDateTime.of(2026, 10, 24, 10, 0));
        assertThat(dueLocally(LocalDate.of(2026, 6, 10))).isEqualTo(LocalDateTime.of(2026, 6, 8, 10, 0));
    }

    @Test
    void aStepDueNowIsSelectedOnItsDay() {
        long due = PRE_ARRIVAL.dueAt(0, LocalDate.of(2026, 3, 30), LocalDate.of(2026, 4, 2), ROME);

        assertThat(PRE_ARRIVAL.lastDayDueBy(due, ROME)).isEqualTo(LocalDate.of(2026, 3, 30));
    }

    private static LocalDateTime dueLocally(LocalDate arrival) {
        long due = PRE_ARRIVAL.dueAt(0, arrival, arrival.plusDays(3), ROME);
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(due), ROME);
    }
}
