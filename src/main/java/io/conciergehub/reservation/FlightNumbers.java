package io.conciergehub.reservation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flight number in a mail's text, after a word for flight in one of the five languages:
 * "Flight: AZ608", "volo AZ 608", "Flug LH 1234", "vol AF 1234", "vuelo IB 3456", "Flight number:
 * U2 4501" → "AZ608", "U24501". The airline's code is two letters or a letter and a digit, written
 * in capitals, the number one to four digits.
 */
final class FlightNumbers {

    /** The airline's code and the number: two letters or a letter and a digit, one to four digits. */
    private static final String CODE = "([A-Z]{2}|[A-Z][0-9]|[0-9][A-Z])\\s?-?\\s?([0-9]{1,4})";

    private static final Pattern FLIGHT = Pattern.compile(
            "(?iu:\\b(?:flight|flight number|flight no\\.?|arrival flight|volo|numero (?:di )?volo|volo di arrivo"
                    + "|flug|flugnummer|ankunftsflug|vol|num[ée]ro de vol|vol d'arriv[ée]e|vuelo|n[úu]mero de vuelo"
                    + "|vuelo de llegada)\\b)"
                    + "\\s*(?:n[or°º]\\.?\\s*)?[:#\\-]?\\s*"
                    + "\\b" + CODE + "(?![0-9])");
    /** A flight number on its own, as a model or a form gives it: "AZ608", "az 608", "U2-4501". */
    private static final Pattern ALONE = Pattern.compile("(?i)" + CODE);

    private FlightNumbers() {
    }

    /** The first flight number in the lines, normalised ("AZ608"), null if none. */
    static String find(List<String> lines) {
        for (String line : lines) {
            String flight = find(line);
            if (flight != null) {
                return flight;
            }
        }
        return null;
    }

    static String find(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FLIGHT.matcher(text);
        return m.find() ? (m.group(1) + m.group(2)).toUpperCase(Locale.ROOT) : null;
    }

    /** The value as a flight number ("az 608" → "AZ608"), null when it is not one as a whole. */
    static String normalize(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = ALONE.matcher(value.strip());
        return m.matches() ? (m.group(1) + m.group(2)).toUpperCase(Locale.ROOT) : null;
    }
}
