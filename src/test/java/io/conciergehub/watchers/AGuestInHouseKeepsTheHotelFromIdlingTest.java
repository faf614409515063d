package io.conciergehub.watchers;

import static io.conciergehub.watchers.Flights.notices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A guest in house and nobody arriving for days: the hotel is not idle, the weather watch keeps
 * running and a storm warning three hours on reaches the guest; once the guest has left, the hotel
 * idles after schedules.idle-after.
 */
class AGuestInHouseKeepsTheHotelFromIdlingTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-06-01T10:00"));
    static final long NOW = clock.instant().getEpochSecond();
    static final String IN_HOUSE = "+393331290001";
    static final OpenWeatherStub openweather = new OpenWeatherStub(NOW);

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Pauses.everySecond(openweather.configure(hub),
            clock));

    @AfterAll
    static void stopStub() {
        openweather.close();
    }

    @Test
    void theHotelIdlesOnlyOnceTheGuestHasLeft() throws Exception {
        Flights.sync(env.hub(), "{\"externalId\":\"G-1\",\"source\":\"direct\",\"guestName\":\"Giulia Verdi\","
                + "\"phone\":\"" + IN_HOUSE + "\",\"language\":\"it\",\"arrival\":\"2027-05-30\","
                + "\"departure\":\"2027-06-05\"}");
        Flights.guestWrites(env.hub(), clock, IN_HOUSE, "Buongiorno");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !Pauses.paused(env.hub()));

        clock.advance(Duration.ofHours(3));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> !Pauses.paused(env.hub()) && weatherWatching());
        openweather.alerts(OpenWeatherStub.alert("Yellow thunderstorm warning", NOW + 4 * 3600, NOW + 8 * 3600,
                "Temporali forti."));
        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), IN_HOUSE, "warning").size() == 1);

        // Gone on the 5th; from the 6th nobody is in house or arriving.
        clock.moveTo(LocalDateTime.parse("2027-06-06T10:00"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !Pauses.paused(env.hub()));
        clock.advance(Duration.ofMinutes(121));
        await().atMost(Duration.ofSeconds(10)).until(() -> Pauses.paused(env.hub()) && !weatherWatching());
        assertThat(Pauses.by(env.hub())).isEqualTo("schedule-idle");
    }

    private static boolean weatherWatching() {
        return env.hub().context().getRouteController().getRouteStatus("weather") == ServiceStatus.Started;
    }
}
