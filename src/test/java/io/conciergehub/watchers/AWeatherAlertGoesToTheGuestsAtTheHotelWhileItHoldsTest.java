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
 * A weather alert goes to the guests whose stay overlaps what is still to come of it. A guest whose
 * departure day is today is at the hotel until check-out (hotel.check-out-time, 10:00): told of a
 * fog warning for the morning, not of a storm warning for the evening. A guest arriving tomorrow is
 * not told of either, both over before they arrive, but is told of a wind warning without an end,
 * which still holds then. A guest who stays on is told of all three.
 */
class AWeatherAlertGoesToTheGuestsAtTheHotelWhileItHoldsTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-06-10T07:00"));
    static final long NOW = clock.instant().getEpochSecond();
    static final String LEAVING = "+393331300001";
    static final String STAYING = "+393331300002";
    static final String ARRIVING = "+393331310001";
    @RegisterExtension
    static final OpenWeatherStub openweather = new OpenWeatherStub(NOW);

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> openweather.configure(hub.clock(clock))
            .property("hotel.check-out-time", "10:00"));

    @Test
    void eachAlertGoesToTheStaysItOverlaps() throws Exception {
        WeatherGuests.stay(env.hub(), clock, "L-1", "Ann Lee", LEAVING, "2027-06-07", "2027-06-10");
        WeatherGuests.stay(env.hub(), clock, "L-2", "Bob Ray", STAYING, "2027-06-08", "2027-06-12");
        WeatherGuests.stay(env.hub(), clock, "T-1", "Jonas Berg", ARRIVING, "2027-06-11", "2027-06-13");
        // 08:00 to 11:00: the leaving guest is there until 10:00.
        openweather.alerts(OpenWeatherStub.alert("Yellow fog warning", NOW + 3600, NOW + 4 * 3600, "Nebbia."));
        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), LEAVING, "fog warning").size() == 1
                && notices(env.spoki(), STAYING, "fog warning").size() == 1);

        // Known at noon: a storm from 18:00 to 23:00 (the leaving guest checked out at 10:00), and
        // wind from 20:00 without an end.
        clock.moveTo(LocalDateTime.parse("2027-06-10T12:00"));
        openweather.alerts(OpenWeatherStub.alert("Orange thunderstorm warning", NOW + 11 * 3600, NOW + 16 * 3600,
                "Temporali.") + "," + OpenWeatherStub.alertWithoutEnd("Yellow wind warning", NOW + 13 * 3600,
                        "Raffiche."));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> notices(env.spoki(), STAYING, "thunderstorm warning").size() == 1
                        && notices(env.spoki(), STAYING, "wind warning").size() == 1
                        && notices(env.spoki(), ARRIVING, "wind warning").size() == 1);
        WeatherGuests.twoMorePolls(openweather);
        assertThat(notices(env.spoki(), LEAVING, "warning")).as("the fog warning only").hasSize(1);
        assertThat(notices(env.spoki(), ARRIVING, "warning")).as("the wind warning only").hasSize(1);
    }
}
