package io.conciergehub.reservation;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Smoobu's notification mails to the host ("Neue Buchung von Airbnb", "New booking from
 * Booking.com", "Buchung storniert", "Booking cancelled"), from smoobu.com, in German or English. The
 * reference is Smoobu's own booking ID, the one its webhook and API carry, so that both land on the
 * same booking; the channel's own number ("Referenz: HMDE55123X", a Booking.com number) is read
 * beside it ({@link #channelReference}), as the webhook's {@code reference-id}; the guest's language
 * is given ("Sprache: Italienisch").
 */
final class SmoobuMailParser extends LabelledMailParser {

    private static final Pattern SUBJECT = Pattern.compile(
            "(?iu)neue buchung|new booking|new reservation|buchung (storniert|geändert)|stornierung"
                    + "|booking (cancell?ed|changed|modified)|cancellation");

    private static final List<String> CHANNEL_REFERENCE_LABELS = List.of("referenz", "reference", "referenz-id",
            "reference-id", "reference id");

    SmoobuMailParser(RegionalPhones phones) {
        super(phones);
    }

    @Override
    public String source() {
        return "smoobu";
    }

    @Override
    public boolean recognises(ReservationMail mail) {
        return sentFrom(mail, "smoobu.com") && subjectMatches(mail, SUBJECT);
    }

    @Override
    List<String> referenceLabels() {
        return List.of("smoobu-id", "smoobu id", "buchungs-id", "booking id", "buchungsnummer", "booking number",
                "reservation id");
    }

    /**
     * The channel's number for the reservation ("Referenz: HMDE55123X", "Reference: 4711334455"),
     * the webhook's {@code reference-id}; null if the mail names none.
     */
    String channelReference(ReservationMail mail) {
        return reference(fields(mail).get(CHANNEL_REFERENCE_LABELS));
    }

    @Override
    boolean prefersHtml() {
        return false;
    }
}
