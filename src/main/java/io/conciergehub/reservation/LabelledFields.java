package io.conciergehub.reservation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The "label: value" lines of a mail (regular expressions over the extracted text, never over HTML). */
final class LabelledFields {

    /** "Arrival: …", "- Anreise : …", "* Arrivée : …": a label of letters (and a few signs), a colon, a value. */
    private static final Pattern LINE = Pattern.compile("^[\\s\\-*•·>]*([\\p{L}][\\p{L}\\p{M} .'’\\-/()]{0,40}?)\\s*[:：]\\s*(.*)$");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> lines;

    LabelledFields(List<String> lines) {
        this.lines = List.copyOf(lines);
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                String label = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
                String value = m.group(2).strip();
                if (!value.isEmpty()) {
                    values.putIfAbsent(label, value);
                }
            }
        }
    }

    List<String> lines() {
        return lines;
    }

    /** The value of the first of the field's labels the mail has, null if none. */
    String get(Label field) {
        return get(field.labels());
    }

    String get(List<String> labels) {
        for (String label : labels) {
            String value = values.get(label);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The label the mail uses for the field, null if none. */
    String labelOf(Label field) {
        for (String label : field.labels()) {
            if (values.containsKey(label)) {
                return label;
            }
        }
        return null;
    }

    /** The language of the mail's labels, told by its arrival or departure label ("Anreise" → "de"), null if neutral. */
    String languageOfLabels() {
        for (Label field : List.of(Label.ARRIVAL, Label.DEPARTURE, Label.REFERENCE, Label.GUEST, Label.PHONE)) {
            String label = labelOf(field);
            if (label != null && field.languageOf(label) != null) {
                return field.languageOf(label);
            }
        }
        return null;
    }
}
