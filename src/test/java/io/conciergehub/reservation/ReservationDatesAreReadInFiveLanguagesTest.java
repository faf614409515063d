package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The date forms confirmations use, with month names in the five languages, numeric day-first
 * forms and ISO, with or without a weekday before and a time after, all read as 12 December 2026;
 * a day that does not exist, or no date at all, is none.
 */
class ReservationDatesAreReadInFiveLanguagesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 12);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "12 Dec 2026", "12 December 2026", "Dec 12, 2026", "Sat, Dec 12, 2026 4:00 PM", "Saturday, 12 December 2026 (from 15:00)",
        "12/12/2026", "2026-12-12", "12.12.2026", "12-12-2026",
        "12 dicembre 2026", "sabato 12 dicembre 2026 (dalle 14:00)", "12 dic 2026",
        "12. Dezember 2026", "Samstag, 12. Dezember 2026 ab 15:00 Uhr", "12. Dez. 2026",
        "12 décembre 2026", "sam. 12 déc. 2026", "samedi 12 décembre 2026",
        "12 de diciembre de 2026", "sábado, 12 de diciembre de 2026", "12 DECEMBER 2026"})
    void everyFormIsTheSameDay(String text) {
        assertThat(ReservationDates.parse(text)).isEqualTo(DAY);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"32 Dec 2026", "31/02/2026", "2026-13-01", "next Friday", "12 Foo 2026", "12 Dec"})
    void aDayThatDoesNotExistOrNoDateIsNone(String text) {
        assertThat(ReservationDates.parse(text)).isNull();
    }
}
