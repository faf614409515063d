package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.LocalDateTime;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenWeather answers an alert at every run, and telling it to the guests fails after OpenWeather's
 * part (the notices' way to the outbox is down: direct:notices throws): circuit breaker openweather
 * counts OpenWeather's answers only, so it stays closed and the runs go on asking. Before, telling
 * ran inside the breaker: a failure there counted as OpenWeather's and, with openweather.circuit.*
 * at 2 of 2, stopped the alerts for openweather.circuit.open-duration.
 */
class AFailureInTellingAWeatherAlertDoesNotOpenOpenWeathersCircuitTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-06-10T10:00"));
    static final long NOW = clock.instant().getEpochSecond();
    static final OpenWeatherStub openweather = new OpenWeatherStub(NOW);

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> openweather.configure(hub.clock(clock))
            .property("openweather.circuit.minimum-calls", "2").property("openweather.circuit.window-size", "2")
            .property("openweather.circuit.open-duration", "1h"));

    @AfterAll
    static void stopStub() {
        openweather.close();
    }

    @Test
    void openWeatherIsStillAsked() throws Exception {
        AdviceWith.adviceWith(env.hub().context(), "weather", route -> route.weaveByToUri("direct:notices").replace()
                .throwException(new IllegalStateException("the notices' way to the outbox is down")));
        if (!env.hub().context().getRouteController().getRouteStatus("weather").isStarted()) {
            env.hub().context().getRouteController().startRoute("weather");
        }
        WeatherGuests.stay(env.hub(), clock, "T-1", "Giulia Verdi", "+393331230201", "2027-06-08", "2027-06-12");
        WeatherGuests.stay(env.hub(), clock, "T-2", "Jonas Berg", "+393331230202", "2027-06-09", "2027-06-13");
        int before = openweather.questions();
        openweather.alerts(OpenWeatherStub.alert("Yellow thunderstorm warning", NOW + 3600, NOW + 30 * 3600,
                "Temporali forti attesi nel pomeriggio."));

        await().atMost(Duration.ofSeconds(15)).until(() -> openweather.questions() >= before + 5);
        assertThat(env.hub().get("/health", "X-API-Key", TestHub.API_KEY).body())
                .doesNotContain("\"openweather\":\"OPEN\"");
    }
}
