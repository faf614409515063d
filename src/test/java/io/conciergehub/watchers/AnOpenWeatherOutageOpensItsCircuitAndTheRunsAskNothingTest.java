package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenWeather answers 503: once openweather.circuit.minimum-calls runs failed, circuit breaker
 * openweather opens (/health says so), and the runs while it is open
 * (openweather.circuit.open-duration) ask OpenWeather nothing.
 */
class AnOpenWeatherOutageOpensItsCircuitAndTheRunsAskNothingTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-06-10T10:00"));
    static final OpenWeatherStub openweather = new OpenWeatherStub(clock.instant().getEpochSecond());

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> openweather.configure(hub.clock(clock))
            .property("openweather.circuit.minimum-calls", "2").property("openweather.circuit.window-size", "2")
            .property("openweather.circuit.open-duration", "1h"));

    @AfterAll
    static void stopStub() {
        openweather.close();
    }

    @Test
    void theOpenCircuitSkipsTheRuns() throws Exception {
        openweather.fails(503);

        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().get("/health", "X-API-Key", TestHub.API_KEY)
                .body().contains("\"openweather\":\"OPEN\""));
        int asked = openweather.questions();
        assertThat(asked).as("the runs before it opened, the first answered before the outage at most").isLessThanOrEqualTo(3);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> openweather.questions() == asked);
    }
}
