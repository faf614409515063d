package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A mail the parsers cannot read as a booking is an {@link UnreadableReservation} whose reason says
 * what is wrong (it goes with the mail to the quarantine folder): nothing recognises it, a date is
 * missing or does not parse, the departure is before the arrival, the phone cannot exist, a count of
 * guests is more than a room holds (a phone number in "Adults"). A wrong
 * booking is never made up, and the reason names the field, never its value: nothing of the mail's
 * text goes to quarantined_mails (the generic reader's reason also goes into the unrecognised
 * mail's).
 */
class UnreadableMailsHaveAReasonTest {

    private static final Map<String, String> SAMPLES = Map.of(
            "unreadable/newsletter.eml", "no parser recognises this mail",
            "unreadable/missing-dates.eml", "booking.com: no arrival date",
            "unreadable/departure-before-arrival.eml", "website: the departure is before the arrival");

    private final ReservationParsers parsers = new ReservationParsers("IT");

    @Test
    void everyUnreadableSampleHasItsReason() {
        assertThat(SampleMails.all()).filteredOn(name -> name.startsWith("unreadable/"))
                .containsExactlyInAnyOrderElementsOf(SAMPLES.keySet());
        SAMPLES.forEach((sample, reason) -> assertThatThrownBy(() -> parsers.parse(SampleMails.read(sample)))
                .as(sample).isInstanceOf(UnreadableReservation.class).hasMessageStartingWith(reason));
    }

    @Test
    void aNewsletterIsRecognisedByNoParser() {
        assertThat(parsers.sourceOf(SampleMails.read("unreadable/newsletter.eml"))).isEqualTo("none");
    }

    @Test
    void aMailOfAKnownSenderThatIsNoBookingFallsToTheGenericReaderAndIsUnreadable() {
        ReservationMail mail = new ReservationMail("<1@x>", "Booking.com <noreply@booking.com>", "Your invoice for November",
                "Dear partner, your invoice is ready.", null);

        assertThat(parsers.sourceOf(mail)).isEqualTo("none");
        assertThatThrownBy(() -> parsers.parse(mail)).hasMessageStartingWith("no parser recognises this mail");
    }

    @Test
    void aLabelledMailWithoutABookingNumberSaysSo() {
        ReservationMail mail = labelled("Arrival: 12 Dec 2026\nDeparture: 14 Dec 2026\nGuest: Ada Example\n");

        assertThat(parsers.sourceOf(mail)).isEqualTo("generic");
        assertThatThrownBy(() -> parsers.parse(mail))
                .hasMessage("no parser recognises this mail (generic: no booking reference (a line such as \"Booking number: …\"))");
    }

    @Test
    void aMissingDepartureIsNamed() {
        assertThatThrownBy(() -> parsers.parse(labelled("Booking number: X1\nArrival: 12 Dec 2026\n")))
                .hasMessageContaining("generic: no departure date");
    }

    @Test
    void aDateThatDoesNotParseIsNamedNotQuoted() {
        assertThatThrownBy(() -> parsers.parse(labelled("Booking number: X1\nArrival: 32 Dec 2026\nDeparture: 3 Jan 2027\n")))
                .hasMessage("no parser recognises this mail (generic: the arrival date does not parse)");
        // The value of a date field may be anything the sender wrote: a name, a phone number.
        assertThatThrownBy(() -> parsers.parse(labelled("Booking number: X1\nArrival: ask Ada Example on 333 1234567\n"
                + "Departure: 3 Jan 2027\n"))).hasMessageContaining("generic: the arrival date does not parse")
                .hasMessageNotContaining("Ada").hasMessageNotContaining("333");
    }

    @Test
    void aDepartureBeforeTheArrivalIsNamedWithoutTheDates() {
        assertThatThrownBy(() -> parsers.parse(labelled("Booking number: X1\nArrival: 15 Dec 2026\nDeparture: 12 Dec 2026\n")))
                .hasMessageContaining("generic: the departure is before the arrival").hasMessageNotContaining("2026");
    }

    @Test
    void anImpossiblePhoneIsUnreadableNeverAWrongNumberAndTheReasonHoldsNoDigitOfIt() {
        for (String phone : new String[] {"+39 12", "333 00", "+999 123 456 789", "call me"}) {
            ReservationMail mail = labelled("Booking number: X1\nArrival: 12 Dec 2026\nDeparture: 14 Dec 2026\nPhone: " + phone + "\n");

            assertThatThrownBy(() -> parsers.parse(mail)).as(phone).isInstanceOf(UnreadableReservation.class)
                    .hasMessageContaining("phone number").hasMessageNotContaining("12").hasMessageNotContaining("333");
        }
    }

    @Test
    void aRecognisedMailThatFailsHasItsParsersReasonNotTheGenericOne() {
        ReservationMail mail = new ReservationMail("<2@x>", "noreply@smoobu.com", "Neue Buchung von Airbnb",
                "Buchungs-ID: 27\nAnreise: 02.01.2027\nAbreise: 31.02.2027\n", null);

        assertThatThrownBy(() -> parsers.parse(mail)).hasMessage("smoobu: the departure date does not parse");
    }

    @Test
    void aCountOfGuestsNoRoomHoldsIsUnreadableAndTheReasonHoldsNoDigitOfIt() {
        String dates = "Booking number: X1\nArrival: 12 Dec 2026\nDeparture: 14 Dec 2026\n";
        Map<String, String> reasons = Map.of(
                "Adults: 3331234567\n", "generic: the number of adults is not one from 0 to 99",
                "Adults: +39 333 123 4567\n", "generic: the number of adults is not one from 0 to 99",
                "Adults: 39 333 123 4567\n", "generic: the number of adults is not one from 0 to 99",
                "Adults: 100\n", "generic: the number of adults is not one from 0 to 99",
                "Children: 99999999999999999999\n", "generic: the number of children is not one from 0 to 99",
                "Guests: 2 adults, 3331234567 children\n", "generic: the number of children is not one from 0 to 99",
                "Guests: 4000\n", "generic: the number of guests is not one from 0 to 99");

        reasons.forEach((line, reason) -> assertThatThrownBy(() -> parsers.parse(labelled(dates + line)))
                .as(line).isInstanceOf(UnreadableReservation.class).hasMessageContaining(reason));
    }

    @Test
    void ninetyNineAdultsAreStillABooking() throws UnreadableReservation {
        ReservationMail mail = labelled("Booking number: X1\nArrival: 12 Dec 2026\nDeparture: 14 Dec 2026\nAdults: 99\nChildren: 0\n");
        ReservationMail withAges = labelled("Booking number: X2\nArrival: 12 Dec 2026\nDeparture: 14 Dec 2026\n"
                + "Adults: 2 (ages 30, 32)\n");

        assertThat(parsers.parse(mail).adults()).isEqualTo(99);
        assertThat(parsers.parse(withAges).adults()).isEqualTo(2);
    }

    private static ReservationMail labelled(String text) {
        return new ReservationMail("<t@example.com>", "agency@example.com", "Confirmation", text, null);
    }
}
