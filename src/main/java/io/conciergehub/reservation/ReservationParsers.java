package io.conciergehub.reservation;

import io.conciergehub.guest.Booking;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reservation e-mail parsers in the order they are asked: the sources' own (Booking.com,
 * Airbnb, Expedia, Smoobu, the hotel's website form), recognised by sender and subject, then the
 * generic "label: value" reader last. National phone numbers are read with the hotel's region.
 */
public final class ReservationParsers {

    static final String NONE = "none";

    private final List<ReservationParser> specific;
    private final SmoobuMailParser smoobu;
    private final GenericLabelledParser generic;

    /** @param region the hotel's region for national phone numbers ("IT"); null or blank means "IT" */
    public ReservationParsers(String region) {
        RegionalPhones phones = new RegionalPhones(region == null || region.isBlank() ? "IT" : region);
        this.smoobu = new SmoobuMailParser(phones);
        this.specific = List.of(new BookingComParser(phones), new AirbnbParser(phones), new ExpediaParser(phones),
                smoobu, new WebsiteFormParser(phones));
        this.generic = new GenericLabelledParser(phones);
    }

    /**
     * The booking the mail confirms or cancels, read by the first parser that recognises it, or by
     * the generic reader when none does.
     *
     * @throws UnreadableReservation with the recognising parser's reason
     * @throws UnrecognisedReservation "no parser recognises this mail" (with the generic reader's
     *         reason) when neither a source nor the generic reader can read it
     */
    public Booking parse(ReservationMail mail) throws UnreadableReservation {
        for (ReservationParser parser : specific) {
            if (parser.recognises(mail)) {
                return parser.parse(mail);
            }
        }
        if (!generic.recognises(mail)) {
            throw new UnrecognisedReservation("no parser recognises this mail (no labelled booking number or arrival)");
        }
        try {
            return generic.parse(mail);
        } catch (UnreadableReservation unreadable) {
            throw new UnrecognisedReservation("no parser recognises this mail (" + unreadable.getMessage() + ")");
        }
    }

    /**
     * The channel's own number a Smoobu mail names beside Smoobu's id ("Referenz: …", the webhook's
     * {@code reference-id}); null for another source's mail or none named.
     */
    public String smoobuChannelReference(ReservationMail mail) {
        return smoobu.recognises(mail) ? smoobu.channelReference(mail) : null;
    }

    /** The source of the parser that would read the mail ("booking.com", …, "generic"), "none" if no parser would. */
    public String sourceOf(ReservationMail mail) {
        for (ReservationParser parser : parsers()) {
            if (parser.recognises(mail)) {
                return parser.source();
            }
        }
        return NONE;
    }

    /** All parsers, in the order they are asked (the generic one last). */
    List<ReservationParser> parsers() {
        return Stream.concat(specific.stream(), Stream.of(generic)).toList();
    }
}
