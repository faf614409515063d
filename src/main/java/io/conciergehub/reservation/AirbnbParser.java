package io.conciergehub.reservation;

import java.util.regex.Pattern;

/**
 * Airbnb's mails to the host ("Reservation confirmed - Emma arrives Dec 12", "Réservation
 * confirmée", "Canceled: reservation HM…", "Annulation : réservation HM…"), from airbnb.com (or a
 * country domain such as airbnb.fr), in the host's language: English or French here. The HTML part
 * is the real one; the reference is the confirmation code ("HMABC12345"). Airbnb hides the guest's
 * address and often the phone; the language only when stated.
 */
final class AirbnbParser extends LabelledMailParser {

    private static final Pattern SENDER = Pattern.compile("(^|\\.)airbnb\\.(com|[a-z]{2}|co\\.[a-z]{2}|com\\.[a-z]{2})$");
    private static final Pattern SUBJECT = Pattern.compile(
            "(?iu)reservation confirmed|réservation confirmée|canceled|cancelled|annul|reservation (altered|changed)"
                    + "|réservation modifiée");

    AirbnbParser(RegionalPhones phones) {
        super(phones);
    }

    @Override
    public String source() {
        return "airbnb";
    }

    @Override
    public boolean recognises(ReservationMail mail) {
        return SENDER.matcher(senderDomain(mail)).find() && subjectMatches(mail, SUBJECT);
    }

    @Override
    boolean prefersHtml() {
        return true;
    }
}
