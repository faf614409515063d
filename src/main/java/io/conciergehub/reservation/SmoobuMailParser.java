package io.conciergehub.reservation;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Smoobu's notification mails to the host ("Neue Buchung von Airbnb", "New booking from
 * Booking.com", "Buchung storniert", "Booking cancelled"), from smoobu.com, in German or English. The
 * reference is Smoobu's own booking ID, the one its webhook and API carry, so that both land on the
 * same booking; the guest's language is given ("Sprache: Italienisch").
 */
final class SmoobuMailParser extends LabelledMailParser {

    private static final Pattern SUBJECT = Pattern.compile(
            "(?iu)neue buchung|new booking|new reservation|buchung (storniert|geändert)|stornierung"
                    + "|booking (cancell?ed|changed|modified)|cancellation");

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

    @Override
    boolean prefersHtml() {
        return false;
    }
}
