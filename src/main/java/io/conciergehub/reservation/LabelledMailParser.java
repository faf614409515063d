package io.conciergehub.reservation;

import io.conciergehub.guest.Booking;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the parsers share: a confirmation is a list of "label: value" lines (from the text part, or
 * the HTML part's table rows and paragraphs, read with jsoup) in one of five languages; each
 * source's parser says which mails are its own, which part it reads, which label holds its
 * reference, and how it tells the guest's language and a cancellation.
 */
abstract class LabelledMailParser implements ReservationParser {

    /**
     * The words that make a subject a cancellation's, whole words only: a subject also carries the
     * guest's name ("Maria Cancelo", "Luca Cancellieri", "Storni"), which must not cancel anything.
     * Accents may be missing ("annulee", "cancelacion").
     * <ul>
     *   <li>English: cancelled, canceled, cancellation(s), cancelation(s), annulled;</li>
     *   <li>Italian: annullata/o/e/i, annullamento, cancellata/o/e/i, cancellazione;</li>
     *   <li>German: storniert(e/en/er/es), annulliert(e/en/er/es), and Storno, Stornierung(en) and
     *       Annullierung(en) also inside a compound ("Buchungsstornierung", "Stornobestätigung",
     *       "Buchungsstorno");</li>
     *   <li>French: annulé(e)(s), annulation(s);</li>
     *   <li>Spanish: cancelada/o(s), cancelación/cancelaciones, anulada/o(s), anulación.</li>
     * </ul>
     */
    static final Pattern CANCELLATION = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:"
            + "cancell?ed|cancell?ations?|annull?ed"
            + "|annullat[aoei]|annullamento|cancellat[aoei]|cancellazione"
            + "|storniert(?:e[nrs]?)?|\\p{L}*storno\\p{L}*|\\p{L}*stornierung\\p{L}*"
            + "|annulliert(?:e[nrs]?)?|\\p{L}*annullierung\\p{L}*"
            + "|annul[ée]e?s?|annulations?"
            + "|cancelad[ao]s?|cancelaci[óo]n(?:es)?|anulad[ao]s?|anulaci[óo]n(?:es)?"
            + ")(?![\\p{L}\\p{N}])");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@([^\\s<>\"'(),;:]+)");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_/.\\-]*");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    /** After a count's digits: more digits in the same run ("39 333 123…"), so a phone number. */
    private static final Pattern DIGITS_GO_ON = Pattern.compile("[\\s./-]*\\d");
    private static final Pattern ADULTS = Pattern.compile("(?iu)(\\d+)\\s*(?:adults?|adulti|adulto|erwachsene[rn]?|adultes?|adultos?)");
    private static final Pattern CHILDREN = Pattern.compile(
            "(?iu)(\\d+)\\s*(?:child(?:ren)?|kids?|bambin[io]|kind(?:er)?|enfants?|niñ[oa]s?|ninos?)");
    private static final Map<String, String> LANGUAGE_NAMES = languageNames();

    final RegionalPhones phones;

    LabelledMailParser(RegionalPhones phones) {
        this.phones = phones;
    }

    /** Whether the HTML part is this source's real content (the text part may be a stub). */
    abstract boolean prefersHtml();

    /** The labels of this source's own reference, most specific first. */
    List<String> referenceLabels() {
        return Label.REFERENCE.labels();
    }

    boolean isCancellation(ReservationMail mail, LabelledFields fields) {
        return mail.subject() != null && CANCELLATION.matcher(mail.subject()).find();
    }

    /** The guest's language: by default only what the mail says outright ("Guest language: Italian"). */
    String language(ReservationMail mail, LabelledFields fields) {
        return languageCode(fields.get(Label.LANGUAGE));
    }

    LabelledFields fields(ReservationMail mail) {
        return new LabelledFields(MailLines.of(mail, prefersHtml()));
    }

    /**
     * The booking the mail reports. A cancellation needs only its reference: one whose other fields
     * are missing or do not read (no dates, a masked phone number) still cancels the booking it
     * names, as a cancellation with nothing but the reference (a booking the hub does not know then
     * cannot be stored: no phone to find its guest by).
     */
    @Override
    public Booking parse(ReservationMail mail) throws UnreadableReservation {
        LabelledFields fields = fields(mail);
        String reference = reference(fields.get(referenceLabels()));
        if (reference == null) {
            throw new UnreadableReservation(source() + ": no booking reference (a line such as \"Booking number: …\")");
        }
        try {
            return booking(mail, fields, reference);
        } catch (UnreadableReservation unreadable) {
            if (!isCancellation(mail, fields)) {
                throw unreadable;
            }
            return Booking.cancellation(source(), reference);
        }
    }

    private Booking booking(ReservationMail mail, LabelledFields fields, String reference)
            throws UnreadableReservation {
        LocalDate arrival = date(fields, Label.ARRIVAL, "arrival");
        LocalDate departure = date(fields, Label.DEPARTURE, "departure");
        if (departure.isBefore(arrival)) {
            throw new UnreadableReservation(source() + ": the departure is before the arrival");
        }
        String guests = fields.get(Label.GUESTS);
        Integer adults = count(fields.get(Label.ADULTS), "adults");
        if (adults == null && guests != null) {
            adults = count(ADULTS, guests, "adults");
            if (adults == null && count(CHILDREN, guests, "children") == null) {
                adults = count(guests, "guests");
            }
        }
        Integer children = count(fields.get(Label.CHILDREN), "children");
        if (children == null && guests != null) {
            children = count(CHILDREN, guests, "children");
        }
        return new Booking(source(), reference, guestName(fields), phones.normalize(fields.get(Label.PHONE)),
                email(fields.get(Label.EMAIL)), language(mail, fields), arrival, departure, adults, children,
                fields.get(Label.ROOM), FlightNumbers.find(fields.lines()),
                isCancellation(mail, fields) ? Booking.CANCELLED : Booking.CONFIRMED,
                Booking.notes(fields.get(Label.NOTES)));
    }

    /**
     * The date of the field; a reason names the field, never its value: quarantined_mails holds
     * nothing of the mail's text.
     */
    private LocalDate date(LabelledFields fields, Label field, String name) throws UnreadableReservation {
        String raw = fields.get(field);
        if (raw == null) {
            throw new UnreadableReservation(source() + ": no " + name + " date");
        }
        LocalDate date = ReservationDates.parse(raw);
        if (date == null) {
            throw new UnreadableReservation(source() + ": the " + name + " date does not parse");
        }
        return date;
    }

    private static String guestName(LabelledFields fields) {
        String name = fields.get(Label.GUEST);
        if (name == null) {
            String first = fields.get(Label.FIRST_NAME);
            String last = fields.get(Label.LAST_NAME);
            name = first == null ? last : last == null ? first : first + " " + last;
        }
        return name == null ? null : name.replaceAll("\\s+", " ").strip();
    }

    /** The reference a labelled value starts with ("4711002233" of "4711002233 (Booking.com)"), null if none. */
    static String reference(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = REFERENCE.matcher(raw);
        return m.find() ? m.group() : null;
    }

    /** The first e-mail address in the value, lower-case; null if none. */
    static String email(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = ADDRESS.matcher(raw);
        return m.find() ? m.group().toLowerCase(Locale.ROOT) : null;
    }

    private Integer count(String raw, String field) throws UnreadableReservation {
        return raw == null ? null : count(NUMBER, raw, field);
    }

    /**
     * The number the pattern's first group (or whole match) finds, from 0 to {@link #MAX_GUESTS}. A
     * larger one, or one that a phone number's "+" or further digits go with, is a misread field (a
     * phone number in "Adults"): the mail is unreadable, and its reason repeats no digit of it.
     */
    private Integer count(Pattern pattern, String raw, String field) throws UnreadableReservation {
        Matcher m = pattern.matcher(raw);
        if (!m.find()) {
            return null;
        }
        int group = m.groupCount() > 0 ? 1 : 0;
        String digits = m.group(group);
        boolean phoneLike = raw.substring(0, m.start(group)).stripTrailing().endsWith("+")
                || DIGITS_GO_ON.matcher(raw).region(m.end(group), raw.length()).lookingAt();
        // Nine digits or fewer fit an int; more are no count of guests either.
        if (phoneLike || digits.length() > 9 || Integer.parseInt(digits) > MAX_GUESTS) {
            throw new UnreadableReservation(source() + ": the number of " + field + " is not one from 0 to " + MAX_GUESTS);
        }
        return Integer.valueOf(digits);
    }

    /** The domain of the sender's address ("mailer.booking.com"), lower-case; "" if none. */
    static String senderDomain(ReservationMail mail) {
        if (mail.from() == null) {
            return "";
        }
        Matcher m = ADDRESS.matcher(mail.from());
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /** Whether the sender's domain is the given one or one of its subdomains. */
    static boolean sentFrom(ReservationMail mail, String domain) {
        String sender = senderDomain(mail);
        return sender.equals(domain) || sender.endsWith("." + domain);
    }

    static boolean subjectMatches(ReservationMail mail, Pattern pattern) {
        return mail.subject() != null && pattern.matcher(mail.subject()).find();
    }

    /** "Italian", "Italiano", "italienisch", "it" → "it"; null for a language the hub does not speak or none. */
    static String languageCode(String value) {
        if (value == null) {
            return null;
        }
        String word = value.strip().split("[^\\p{L}]+", 2)[0];
        return LANGUAGE_NAMES.get(word.toLowerCase(Locale.ROOT));
    }

    private static Map<String, String> languageNames() {
        Map<String, String> names = new HashMap<>();
        for (Locale language : ReservationDates.LANGUAGES) {
            names.put(language.getLanguage(), language.getLanguage());
            for (Locale in : ReservationDates.LANGUAGES) {
                names.put(language.getDisplayLanguage(in).toLowerCase(in), language.getLanguage());
            }
        }
        // adjectives as German forms write them ("Sprache: Italienisch")
        names.put("englisch", "en");
        names.put("italienisch", "it");
        names.put("deutsch", "de");
        names.put("französisch", "fr");
        names.put("spanisch", "es");
        return Map.copyOf(names);
    }
}
