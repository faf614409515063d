package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Of AeroAPI's answer for a flight number (about two weeks of flights, newest first), the guest's
 * flight is the one landing at the hotel's airports nearest their arrival day; a diverted flight's
 * entries are one flight; the expected arrival is the actual one once landed.
 */
class TheGuestsLegIsTheOneLandingAtTheHotelsAirportsOnTheirDayTest {

    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    static final Instant TUESDAY = Instant.parse("2027-03-09T09:05:00Z");
    static final Instant WEDNESDAY = Instant.parse("2027-03-10T09:05:00Z");

    @Test
    void theFlightOfTheGuestsDayIsPicked() throws Exception {
        JsonNode answer = answer(AeroApiStub.toRome("AZ608", WEDNESDAY, WEDNESDAY.plusSeconds(2400)).replace("-1773000000-", "-wed-"),
                AeroApiStub.toRome("AZ608", TUESDAY, TUESDAY));

        FlightStatus wednesday = FlightStatus.of(answer, LocalDate.of(2027, 3, 10), Set.of("FCO"), ROME).orElseThrow();
        assertThat(wednesday.scheduledArrival()).isEqualTo(WEDNESDAY);
        assertThat(wednesday.expectedArrival()).isEqualTo(WEDNESDAY.plusSeconds(2400));
        assertThat(wednesday.landed()).isFalse();
        assertThat(FlightStatus.of(answer, LocalDate.of(2027, 3, 9), Set.of("LIRF"), ROME).orElseThrow()
                .scheduledArrival()).isEqualTo(TUESDAY);
        assertThat(FlightStatus.of(answer, LocalDate.of(2027, 3, 20), Set.of("FCO"), ROME)).as("no flight that day").isEmpty();
        assertThat(FlightStatus.of(answer, LocalDate.of(2027, 3, 10), Set.of("NAP"), ROME)).as("not to Naples").isEmpty();
    }

    @Test
    void aDivertedFlightIsOneFlightAndALandedOneIsSettled() throws Exception {
        JsonNode diverted = answer(
                AeroApiStub.leg("LH1234", "LH1234-1", "FCO", "LIRF", WEDNESDAY, WEDNESDAY, false, true),
                AeroApiStub.leg("LH1234", "LH1234-1", "NAP", "LIRN", WEDNESDAY, WEDNESDAY.plusSeconds(3600), false, true));
        Optional<FlightStatus> status = FlightStatus.of(diverted, LocalDate.of(2027, 3, 10), Set.of("FCO"), ROME);
        assertThat(status).hasValueSatisfying(flight -> assertThat(flight.diverted()).isTrue());

        JsonNode landed = answer(AeroApiStub.toRome("AZ608", WEDNESDAY, WEDNESDAY.plusSeconds(600))
                .replace("\"actual_in\":null", "\"actual_in\":\"2027-03-10T09:20:00Z\""));
        FlightStatus arrived = FlightStatus.of(landed, LocalDate.of(2027, 3, 10), Set.of(), ROME).orElseThrow();
        assertThat(arrived.landed()).isTrue();
        assertThat(arrived.expectedArrival()).isEqualTo(Instant.parse("2027-03-10T09:20:00Z"));
    }

    private static JsonNode answer(String... legs) throws Exception {
        return new ObjectMapper().readTree("{\"flights\":[" + String.join(",", legs) + "]}");
    }
}
