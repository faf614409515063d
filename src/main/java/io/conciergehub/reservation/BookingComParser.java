package io.conciergehub.reservation;

import java.util.regex.Pattern;

/**
 * Booking.com's reservation e-mails to the property ("Booking.com - New booking! (4711…)",
 * "Nuova prenotazione!", "Cancelled booking!", "Prenotazione cancellata!"), sent from booking.com in
 * the extranet's language, English or Italian here. The HTML part is the real one: a table of
 * "Booking number | 4711…", "Check-in | Sat 12 Dec 2026"… The guest's language only when the
 * mail states it ("Guest language: Italian").
 */
final class BookingComParser extends LabelledMailParser {

    private static final Pattern SUBJECT = Pattern.compile(
            "(?iu)new booking|nuova prenotazione|cancell?ed booking|prenotazione (cancellata|annullata)"
                    + "|modified booking|booking (modified|changed)|prenotazione modificata");

    BookingComParser(RegionalPhones phones) {
        super(phones);
    }

    @Override
    public String source() {
        return "booking.com";
    }

    @Override
    public boolean recognises(ReservationMail mail) {
        return sentFrom(mail, "booking.com") && subjectMatches(mail, SUBJECT);
    }

    @Override
    boolean prefersHtml() {
        return true;
    }
}
