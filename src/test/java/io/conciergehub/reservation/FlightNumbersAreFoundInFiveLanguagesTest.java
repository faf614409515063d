package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A flight number after a word for flight in English, Italian, German, French or Spanish, in a
 * "Flight:" line or in the guest's notes, is found and normalised ("volo AZ 608" → "AZ608"); text
 * that only looks like one is not.
 */
class FlightNumbersAreFoundInFiveLanguagesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "Flight: AZ608 | AZ608",
        "Flight number: U2 4501 | U24501",
        "We arrive on flight BA 2608 around 14:00 | BA2608",
        "Arrival flight: EW-7580 | EW7580",
        "volo AZ 608 in arrivo alle 17:45 | AZ608",
        "Numero volo: FR8341 | FR8341",
        "Volo di arrivo: AZ 1234 | AZ1234",
        "Flug LH 1234, Ankunft gegen 16 Uhr | LH1234",
        "Flugnummer: 4U 9876 | 4U9876",
        "Ankunftsflug: LH 400 | LH400",
        "vol AF 1234, arrivée prévue vers 20 h | AF1234",
        "Numéro de vol : AF 7712 | AF7712",
        "vuelo IB 3456 desde Madrid | IB3456",
        "Número de vuelo: VY 6201 | VY6201",
        "FLIGHT: az608 is not written in capitals, BUT flight AZ 609 is | AZ609",
    })
    void aFlightNumberIsFoundAndNormalised(String text, String flight) {
        assertThat(FlightNumbers.find(text)).isEqualTo(flight);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Flight: AZ608 | en", "Volo: AZ 608 | it", "Flug: AZ 608 | de", "Vol : AZ 608 | fr", "Vuelo: AZ 608 | es"})
    void theGenericReaderFindsItInEachLanguage(String line, String language) throws UnreadableReservation {
        String arrival = switch (language) {
            case "it" -> "Arrivo: 12 dicembre 2026\nPartenza: 14 dicembre 2026";
            case "de" -> "Anreise: 12. Dezember 2026\nAbreise: 14. Dezember 2026";
            case "fr" -> "Arrivée : 12 décembre 2026\nDépart : 14 décembre 2026";
            case "es" -> "Llegada: 12 de diciembre de 2026\nSalida: 14 de diciembre de 2026";
            default -> "Arrival: 12 Dec 2026\nDeparture: 14 Dec 2026";
        };
        ReservationMail mail = new ReservationMail("<f@example.com>", "agency@example.com", "Confirmation",
                "Booking number: F1\n" + arrival + "\n" + line + "\n", null);

        var booking = new ReservationParsers("IT").parse(mail);

        assertThat(booking.flightNumber()).isEqualTo("AZ608");
        assertThat(booking.language()).isEqualTo(language);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Flight: to be confirmed", "volo in ritardo di 20 minuti", "Volume 12 of the guide", "Flug gebucht",
        "le vol est à 12:30", "vuelo 3456", "Flight: 2026", "Our flights are cheap", "Devolo AZ 608"})
    void textThatOnlyLooksLikeAFlightIsNotOne(String text) {
        assertThat(FlightNumbers.find(text)).isNull();
    }
}
