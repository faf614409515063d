package io.conciergehub.reservation;

import java.util.List;

/**
 * Any other confirmation written as "label: value" lines in English, Italian, German, French or
 * Spanish ("Booking number: ABC123", "Arrivo: 12/12/2026", "Anreise: 12. Dezember 2026"…): a
 * travel agency's, a forwarded one, a hotel's own template. It recognises a mail with a labelled
 * booking reference or a labelled arrival; the guest's language is the stated one, else the
 * labels' language.
 */
final class GenericLabelledParser extends LabelledMailParser {

    GenericLabelledParser(RegionalPhones phones) {
        super(phones);
    }

    @Override
    public String source() {
        return "generic";
    }

    @Override
    public boolean recognises(ReservationMail mail) {
        LabelledFields fields = fields(mail);
        return fields.get(referenceLabels()) != null || fields.get(Label.ARRIVAL) != null;
    }

    @Override
    boolean isCancellation(ReservationMail mail, LabelledFields fields) {
        String status = fields.get(List.of("status", "stato", "statut", "estado"));
        // A whole cancellation word first, as in a subject: "Stornierbar bis …", "Cancelable" confirm.
        return super.isCancellation(mail, fields) || status != null && CANCELLATION.matcher(status.strip()).lookingAt();
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
