package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
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
    static final HubUnderTest env = Flights.hubWhoseCircuitOpensAfterTwoQuestions(clock, aeroapi);

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void theOpenCircuitSkipsThePolls() throws Exception {
        aeroapi.refuses("AZ608", 503);
        Flights.book(env.hub(), "O-1", "Ada", "+393331350001", "it", "2027-04-02", "AZ608");

        Flights.circuitOpens(env.hub());
        assertThat(aeroapi.questions("AZ608")).as("two polls' questions with their retries").isEqualTo(6);
        Flights.stillAsked(aeroapi, "AZ608", 6);
    }
}
