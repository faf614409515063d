package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three guests on AZ608 and one on LH1234 cost one AeroAPI question per flight, and an answer is
 * reused for flights.answer-cache; the flight of a guest who opted out, of a cancelled booking or
 * of an arrival beyond flights.window is never asked about; PAUSE_WORKERS pauses the poller until
 * RESUME_WORKERS.
 */
class OneQuestionPerFlightForAllItsGuestsAndNoneWhilePausedTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-02T09:00"));
    static final Instant SCHEDULED = Instant.parse("2027-04-02T16:00:00Z");
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flights.answer-cache", "10m").property("flights.far-answer-cache", "10m"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void eachFlightIsAskedOncePerPollIntervalAndNotWhilePaused() throws Exception {
        for (String flight : new String[] {"AZ608", "LH1234", "BA2608", "U21234", "FR8341"}) {
            aeroapi.answer(flight, AeroApiStub.toRome(flight, SCHEDULED, SCHEDULED));
        }
        // Eva opts out before her flight is known; Fox's booking is cancelled when it arrives.
        Flights.book(env.hub(), "Q-5", "Eva", "+393331230005", "en", "2027-04-02", null);
        assertThat(Flights.command(env.hub(), "{\"action\":\"UPDATE_GUEST\",\"payload\":{\"phone\":\"+393331230005\","
                + "\"updates\":{\"optedOut\":true}}}")).isEqualTo("succeeded");
        Flights.book(env.hub(), "Q-5", "Eva", "+393331230005", "en", "2027-04-02", "BA2608");
        Flights.sync(env.hub(), "{\"externalId\":\"Q-6\",\"source\":\"direct\",\"phone\":\"+393331230006\",\"status\":\"cancelled\","
                + "\"arrival\":\"2027-04-02\",\"flightNumber\":\"U21234\"}");
        Flights.book(env.hub(), "Q-7", "Gil", "+393331230007", "en", "2027-04-20", "FR8341");
        Flights.book(env.hub(), "Q-1", "Ada", "+393331230001", "it", "2027-04-02", "AZ608");
        Flights.book(env.hub(), "Q-2", "Bea", "+393331230002", "it", "2027-04-02", "AZ608");
        Flights.book(env.hub(), "Q-3", "Cai", "+393331230003", "en", "2027-04-03", "AZ608");
        Flights.book(env.hub(), "Q-4", "Dan", "+393331230004", "de", "2027-04-02", "LH1234");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(List.of(aeroapi.questions("AZ608"),
                aeroapi.questions("LH1234"))).containsExactly(1, 1));
        // Polls every second reuse the answers.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> aeroapi.questions("AZ608") == 1
                && aeroapi.questions("LH1234") == 1);
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("AZ608") == 2
                && aeroapi.questions("LH1234") == 2);

        assertThat(Flights.command(env.hub(), "{\"action\":\"PAUSE_WORKERS\"}")).isEqualTo("succeeded");
        clock.advance(Duration.ofMinutes(11));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> aeroapi.questions("AZ608") == 2);
        assertThat(Flights.command(env.hub(), "{\"action\":\"RESUME_WORKERS\"}")).isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("AZ608") == 3);

        assertThat(aeroapi.questions("BA2608")).as("opted out").isZero();
        assertThat(aeroapi.questions("U21234")).as("cancelled").isZero();
        assertThat(aeroapi.questions("FR8341")).as("arriving in 18 days").isZero();
        assertThat(env.hub().get("/metrics", "X-API-Key", TestHub.API_KEY).body())
                .contains("concierge_paid_calls_total{item=\"flightaware\"} " + (aeroapi.questions("AZ608") + aeroapi.questions("LH1234")) + ".0");
    }
}
