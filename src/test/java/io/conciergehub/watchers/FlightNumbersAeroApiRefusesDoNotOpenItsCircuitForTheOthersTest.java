package io.conciergehub.watchers;

import static io.conciergehub.watchers.Flights.notices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three guests' flight numbers AeroAPI refuses (400: an ident it does not take), asked again at
 * every poll, beside a good flight: the refusals are those questions', not AeroAPI's, so circuit
 * breaker flightaware stays closed (with its defaults, 5 of 10 calls) and the good flight is still
 * asked, its delay told. Before, each refusal counted as an AeroAPI failure: the first poll opened
 * the breaker for 30 minutes and the delay was never told.
 */
class FlightNumbersAeroApiRefusesDoNotOpenItsCircuitForTheOthersTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-10T15:00"));
    /** AZ608 at Fiumicino's gate on 11 March, 10:05 in Rome. */
    static final Instant SCHEDULED = Instant.parse("2027-03-11T09:05:00Z");
    static final String LUCA = "+393331234591";
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flights.answer-cache", "0s").property("flights.far-answer-cache", "0s")
            .property("flights.airports", "FCO"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void theGoodFlightIsStillAskedAndItsDelayTold() throws Exception {
        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED));
        for (String bad : new String[] {"XQ1", "XQ2", "XQ3"}) {
            aeroapi.refuses(bad, 400);
            Flights.book(env.hub(), "B-" + bad, "Guest " + bad, "+39333123459" + bad.charAt(2), "it", "2027-03-11", bad);
        }
        Flights.book(env.hub(), "B-1", "Luca Bianchi", LUCA, "it", "2027-03-11", "AZ608");
        Flights.guestWrites(env.hub(), clock, LUCA, "Ciao, arriviamo domani");

        // Three polls' refusals: nine failed calls against two or three good ones.
        await().atMost(Duration.ofSeconds(20)).until(() -> aeroapi.questions("XQ1") >= 3
                && aeroapi.questions("XQ2") >= 3 && aeroapi.questions("XQ3") >= 3);
        assertThat(env.hub().get("/health", "X-API-Key", TestHub.API_KEY).body())
                .doesNotContain("\"flightaware\":\"OPEN\"");

        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED.plus(Duration.ofMinutes(45))));
        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), LUCA, "AZ608").size() == 1);
        assertThat(notices(env.spoki(), LUCA, "AZ608").get(0)).contains("10:50");
    }
}
