package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.guest.Booking;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A labelled status that only begins like a cancellation word, "Stornierbar bis …" (cancellable
 * until), "Cancelable", "annullabile", is a confirmation's: the booking is stored confirmed and the
 * guest gets the journey. Only a whole cancellation word cancels, as in a subject
 * (AGuestNamedCanceloIsNotACancellationTest, CancellationMailsCancelTheBookingTest).
 */
class AStatusThatOnlyBeginsLikeACancellationWordConfirmsTest {

    private static final String BODY = "Booking number: C-2\nArrival: 12 Dec 2026\nDeparture: 14 Dec 2026\n";
    private final ReservationParsers parsers = new ReservationParsers("IT");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Status: Stornierbar bis 01.12.", "Estado: Cancelable", "Stato: annullabile",
        "Statut : annulable jusqu'au 01/12", "Status: Cancellable until 1 Dec", "Estado: Anulable"})
    void aStatusThatOnlyBeginsLikeACancellationConfirms(String status) throws UnreadableReservation {
        Booking booking = parsers.parse(new ReservationMail("<c2@example.com>", "agency@example.com",
                "Booking confirmation C-2", BODY + status + "\n", null));

        assertThat(booking.status()).isEqualTo(Booking.CONFIRMED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Status: Cancelled", "Status: Annulled", "Stato: Annullata", "Statut : Annulée",
        "Estado: Cancelada", "Status: Storniert"})
    void aStatusThatIsACancellationWordCancels(String status) throws UnreadableReservation {
        Booking booking = parsers.parse(new ReservationMail("<c3@example.com>", "agency@example.com",
                "Booking confirmation C-2", BODY + status + "\n", null));

        assertThat(booking.status()).isEqualTo(Booking.CANCELLED);
    }
}
