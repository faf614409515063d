package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conciergehub.guest.Booking;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cancellation mail, told by its subject in any of the five languages (or a labelled cancelled
 * status), is read as the same booking with status cancelled; any other mail as confirmed. A
 * cancellation needs only its reference: its other fields may be missing or unreadable.
 */
class CancellationMailsCancelTheBookingTest {

    private static final String BODY = "Booking number: C-1\nArrival: 12 Dec 2026\nDeparture: 14 Dec 2026\n";
    private final ReservationParsers parsers = new ReservationParsers("IT");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Booking cancelled C-1", "Cancellation C-1", "Prenotazione annullata C-1",
        "Stornierung C-1", "Buchung storniert", "Réservation annulée C-1", "Reserva cancelada C-1", "Cancelación de reserva",
        "Canceled: reservation C-1", "Prenotazione cancellata!", "Storno C-1", "Buchungsstornierung C-1",
        "Stornierungsbestätigung C-1", "Annulation : réservation C-1", "Reserva anulada C-1", "Cancelacion C-1",
        "Stornobestätigung C-1", "Buchungsstorno C-1", "Annullierung C-1", "Buchung annulliert"})
    void aCancellationSubjectCancels(String subject) throws UnreadableReservation {
        assertThat(parse(subject, BODY).status()).isEqualTo(Booking.CANCELLED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Status: cancelled", "Stato: annullata", "Status: storniert", "Statut : annulée", "Estado: cancelada"})
    void aLabelledCancelledStatusCancels(String status) throws UnreadableReservation {
        assertThat(parse("Booking C-1", BODY + status + "\n").status()).isEqualTo(Booking.CANCELLED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Booking confirmation C-1", "Conferma prenotazione", "Buchungsbestätigung"})
    void anyOtherMailConfirms(String subject) throws UnreadableReservation {
        assertThat(parse(subject, BODY + "Status: confirmed\n").status()).isEqualTo(Booking.CONFIRMED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Booking number: C-1\n", "Booking number: C-1\nArrival: soon\nPhone: +39 ***\n"})
    void aCancellationWithOnlyItsReferenceReadableStillCancels(String body) throws UnreadableReservation {
        Booking cancelled = parse("Booking cancelled C-1", body);

        assertThat(cancelled.externalId()).isEqualTo("C-1");
        assertThat(cancelled.status()).isEqualTo(Booking.CANCELLED);
        assertThat(cancelled.arrival()).isNull();
        assertThat(cancelled.phone()).isNull();
        assertThatThrownBy(() -> parse("Booking confirmation C-1", body)).as("a confirmation needs its dates")
                .isInstanceOf(UnreadableReservation.class);
    }

    private Booking parse(String subject, String text) throws UnreadableReservation {
        return parsers.parse(new ReservationMail("<c@example.com>", "agency@example.com", subject, text, null));
    }
}
