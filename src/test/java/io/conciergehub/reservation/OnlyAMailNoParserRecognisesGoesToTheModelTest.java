package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The parsers tell a mail none of them recognises ({@link UnrecognisedReservation}: the model may
 * read it) from one a parser recognised but found broken (quarantined as it is, never sent to the
 * model): a source's own mail with a missing date, a departure before the arrival.
 */
class OnlyAMailNoParserRecognisesGoesToTheModelTest {

    private final ReservationParsers parsers = new ReservationParsers("IT");

    @Test
    void aMailNoParserRecognisesIsUnrecognised() {
        assertThatThrownBy(() -> parsers.parse(SampleMails.read("unreadable/newsletter.eml")))
                .isInstanceOf(UnrecognisedReservation.class);
        assertThatThrownBy(() -> parsers.parse(new ReservationMail("<p@x>", "agency@example.com", "March",
                "Ms Neri stays with us from 3 to 6 March 2027, reference TA-88812.", null)))
                .isInstanceOf(UnrecognisedReservation.class);
    }

    @Test
    void aLabelledMailTheGenericReaderCannotFinishIsUnrecognised() {
        assertThatThrownBy(() -> parsers.parse(new ReservationMail("<g@x>", "agency@example.com", "Confirmation",
                "Arrival: 12 Dec 2026\nDeparture: 14 Dec 2026\nGuest: Ada Example\n", null)))
                .isInstanceOf(UnrecognisedReservation.class).hasMessageContaining("no booking reference");
    }

    @Test
    void aSourcesOwnMailThatIsBrokenIsUnreadableButNotUnrecognised() {
        for (String sample : new String[] {"unreadable/missing-dates.eml", "unreadable/departure-before-arrival.eml"}) {
            assertThatThrownBy(() -> parsers.parse(SampleMails.read(sample))).as(sample)
                    .isInstanceOf(UnreadableReservation.class).isNotInstanceOf(UnrecognisedReservation.class);
        }
    }
}
