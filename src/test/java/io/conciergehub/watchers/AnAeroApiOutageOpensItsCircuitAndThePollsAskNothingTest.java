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
 * AeroAPI answers 503 to everything: once flightaware.circuit.minimum-calls questions (each with
 * its retries) failed, circuit breaker flightaware opens (/health says so), and the polls while it
 * is open (flightaware.circuit.open-duration) ask AeroAPI nothing.
 */
class AnAeroApiOutageOpensItsCircuitAndThePollsAskNothingTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-02T09:00"));
    static final AeroApiStub aeroapi = new AeroApiStub();

    // Two failed questions open it; each is asked three times (flightaware.max-retries 2).
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flightaware.circuit.minimum-calls", "2").property("flightaware.circuit.window-size", "2")
            .property("flightaware.circuit.open-duration", "1h"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void theOpenCircuitSkipsThePolls() throws Exception {
        aeroapi.refuses("AZ608", 503);
        Flights.book(env.hub(), "O-1", "Ada", "+393331350001", "it", "2027-04-02", "AZ608");

        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().get("/health", "X-API-Key", TestHub.API_KEY)
                .body().contains("\"flightaware\":\"OPEN\""));
        assertThat(aeroapi.questions("AZ608")).as("two polls' questions with their retries").isEqualTo(6);
        Flights.stillAsked(aeroapi, "AZ608", 6);
    }
}
