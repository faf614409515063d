package io.conciergehub.watchers;

import static io.conciergehub.watchers.Flights.notices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tonight's storm warning ends before a guest arriving tomorrow is there: only the guest in house
 * is told of it. A wind warning from tonight without an end (open-ended) still holds when they
 * arrive: both are told.
 */
class AGuestArrivingTomorrowIsNotToldOfAnAlertOverBeforeTheyArriveTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-06-10T10:00"));
    static final long NOW = clock.instant().getEpochSecond();
    static final String ARRIVING = "+393331310001";
    static final String IN_HOUSE = "+393331310002";
    @RegisterExtension
    static final OpenWeatherStub openweather = new OpenWeatherStub(NOW);

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> openweather.configure(hub.clock(clock)));

    @Test
    void onlyWhatStillHoldsOnArrivalIsTold() throws Exception {
        WeatherGuests.stay(env.hub(), clock, "T-1", "Jonas Berg", ARRIVING, "2027-06-11", "2027-06-13");
        WeatherGuests.stay(env.hub(), clock, "T-2", "Giulia Verdi", IN_HOUSE, "2027-06-08", "2027-06-12");
        // 18:00 to 23:00 tonight; 20:00 tonight onwards.
        openweather.alerts(OpenWeatherStub.alert("Orange thunderstorm warning", NOW + 8 * 3600, NOW + 13 * 3600,
                "Temporali.") + "," + OpenWeatherStub.alertWithoutEnd("Yellow wind warning", NOW + 10 * 3600,
                        "Raffiche."));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> notices(env.spoki(), IN_HOUSE, "thunderstorm warning").size() == 1
                        && notices(env.spoki(), IN_HOUSE, "wind warning").size() == 1
                        && notices(env.spoki(), ARRIVING, "wind warning").size() == 1);
        WeatherGuests.twoMorePolls(openweather);
        assertThat(notices(env.spoki(), ARRIVING, "thunderstorm warning")).isEmpty();
    }
}
