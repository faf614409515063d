package io.conciergehub.reservation;

import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Dates as confirmations write them, read by java.time formatters with the five languages' month
 * names: "12 Dec 2026", "Dec 12, 2026", "12/12/2026" (day first, as in Europe), "2026-12-12",
 * "12.12.2026", "12. Dezember 2026", "12 décembre 2026", "12 dicembre 2026",
 * "12 de diciembre de 2026", with or without a weekday before and a time after.
 */
final class ReservationDates {

    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.ITALIAN, Locale.GERMAN, Locale.FRENCH,
            Locale.forLanguageTag("es"));
    private static final List<String> NUMERIC = List.of("uuuu-MM-dd", "d/M/uuuu", "d.M.uuuu", "d-M-uuuu");
    private static final List<String> WORDS = List.of("d MMMM uuuu", "d MMM uuuu", "d. MMMM uuuu", "d. MMM uuuu",
            "d 'de' MMMM 'de' uuuu", "d 'de' MMM 'de' uuuu", "MMMM d, uuuu", "MMM d, uuuu", "MMM d uuuu", "d MMMM, uuuu");
    private static final List<DateTimeFormatter> NUMERIC_FORMATS = NUMERIC.stream().map(p -> format(p, Locale.ROOT)).toList();
    private static final List<DateTimeFormatter> WORD_FORMATS = wordFormats();
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    /** "(from 15:00)", "[…]": asides after the date. */
    private static final Pattern ASIDE = Pattern.compile("\\s*[(\\[].*$");
    /** A time and what follows it: "15:00", "3:00 PM", "ab 15:00 Uhr". */
    private static final Pattern TIME = Pattern.compile("\\s*(\\p{L}+\\s+){0,2}\\d{1,2}[:.]\\d{2}(\\s*(Uhr|h|[AaPp]\\.?[Mm]\\.?))?(\\s.*)?$");
    /** A weekday before the date: "Sat, ", "Samstag, ", "sábado ", "sam. ". */
    private static final Pattern WEEKDAY = Pattern.compile("^\\p{L}+\\.?,?\\s+");

    private ReservationDates() {
    }

    /** The date, or null if the text holds none of the known forms. */
    static LocalDate parse(String text) {
        if (text == null) {
            return null;
        }
        String date = TIME.matcher(ASIDE.matcher(text.replace('\u00a0', ' ').strip()).replaceAll("")).replaceAll("")
                .replaceAll("\\s+", " ").replaceAll("[\\s,;.–-]+$", "").strip();
        // the weekday-less form first: it is the usual one, and "Dec 12, 2026" fails fast without its month
        List<String> candidates = new ArrayList<>(2);
        String withoutWeekday = WEEKDAY.matcher(date).replaceFirst("");
        if (!withoutWeekday.equals(date)) {
            candidates.add(withoutWeekday);
        }
        candidates.add(date);
        for (String candidate : candidates) {
            boolean words = LETTER.matcher(candidate).find();
            for (DateTimeFormatter format : words ? WORD_FORMATS : NUMERIC_FORMATS) {
                ParsePosition position = new ParsePosition(0);
                // parseUnresolved tells "not this form" without an exception; parse then resolves strictly
                if (format.parseUnresolved(candidate, position) != null && position.getErrorIndex() < 0
                        && position.getIndex() == candidate.length()) {
                    try {
                        return LocalDate.parse(candidate, format);
                    } catch (DateTimeParseException noSuchDay) {
                        // "31/02/2026": the right form, an impossible day; another form will not help
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private static List<DateTimeFormatter> wordFormats() {
        List<DateTimeFormatter> formats = new ArrayList<>();
        for (Locale language : LANGUAGES) {
            for (String pattern : WORDS) {
                formats.add(format(pattern, language));
            }
        }
        return List.copyOf(formats);
    }

    private static DateTimeFormatter format(String pattern, Locale locale) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(locale)
                .withResolverStyle(ResolverStyle.STRICT);
    }
}
