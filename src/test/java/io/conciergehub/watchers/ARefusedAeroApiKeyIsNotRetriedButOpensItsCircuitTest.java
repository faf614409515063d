package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AeroAPI refuses the hub's key (401: revoked or mistyped): a retry moments later would be refused
 * the same way, so each poll asks once, not once plus flightaware.max-retries; the refusals still
 * say AeroAPI cannot answer, so circuit breaker flightaware opens and the polls after ask nothing.
 */
class ARefusedAeroApiKeyIsNotRetriedButOpensItsCircuitTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-02T09:00"));
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = Flights.hubWhoseCircuitOpensAfterTwoQuestions(clock, aeroapi);

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void eachPollAsksOnceAndTheCircuitOpens() throws Exception {
        aeroapi.refuses("AZ608", 401);
        Flights.book(env.hub(), "K-1", "Ada", "+393331360001", "it", "2027-04-02", "AZ608");

        Flights.circuitOpens(env.hub());
        assertThat(aeroapi.questions("AZ608")).as("two polls' questions, none retried").isEqualTo(2);
        Flights.stillAsked(aeroapi, "AZ608", 2);
    }
}
