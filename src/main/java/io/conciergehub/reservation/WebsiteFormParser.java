package io.conciergehub.reservation;

import java.util.regex.Pattern;

/**
 * The booking form of the hotel's own website, as its form plugin mails it ("[Hotel] Nuova
 * prenotazione dal sito", "Nueva reserva desde la web", "Booking request from the website"). The
 * sender is the website's own address, which differs for every hotel, so the subject tells. The
 * guest filled the form in their own language, so the labels' language is the guest's.
 */
final class WebsiteFormParser extends LabelledMailParser {

    private static final Pattern SUBJECT = Pattern.compile(
            "(?iu)dal sito|from the website|website (booking|reservation|form)|desde la (web|página)|desde el sitio"
                    + "|sitio web|von der website|über die website|depuis le site|site web");

    WebsiteFormParser(RegionalPhones phones) {
        super(phones);
    }

    @Override
    public String source() {
        return "website";
    }

    @Override
    public boolean recognises(ReservationMail mail) {
        return subjectMatches(mail, SUBJECT);
    }

    @Override
    String language(ReservationMail mail, LabelledFields fields) {
        String stated = super.language(mail, fields);
        return stated != null ? stated : fields.languageOfLabels();
    }

    @Override
    boolean prefersHtml() {
        return false;
    }
}
