package io.conciergehub.reservation;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Expedia Partner Central's reservation mails ("Expedia Reservation: 7284…", "Expedia-Buchung:
 * …", "Expedia Cancellation", "Expedia-Stornierung"), from expediapartnercentral.com or
 * expedia.com, in English or German here. HTML first; the reference is the reservation ID (not the
 * itinerary number, which is the traveller's).
 */
final class ExpediaParser extends LabelledMailParser {

    private static final Pattern SUBJECT = Pattern.compile(
            "(?iu)reservation|booking|buchung|reservierung|cancel|stornierung|storniert");

    ExpediaParser(RegionalPhones phones) {
        super(phones);
    }

    @Override
    public String source() {
        return "expedia";
    }

    @Override
    public boolean recognises(ReservationMail mail) {
        return (sentFrom(mail, "expediapartnercentral.com") || sentFrom(mail, "expedia.com"))
                && subjectMatches(mail, SUBJECT);
    }

    @Override
    List<String> referenceLabels() {
        return List.of("reservation id", "reservierungs-id", "reservierungsnummer", "booking id",
                "buchungsnummer", "confirmation number", "itinerary number", "reiseplannummer");
    }

    @Override
    boolean prefersHtml() {
        return true;
    }
}
