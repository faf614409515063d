package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AeroAPI calls take the retry policy all paid calls share (template paid-call): a server error is
 * tried again within the poll and its answer used; a question AeroAPI refuses (404) is asked once,
 * not again until the next poll.
 */
class AeroApiServerErrorsAreRetriedAndItsRefusalsAreNotTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-02T09:00"));
    static final Instant SCHEDULED = Instant.parse("2027-04-02T16:00:00Z");
    static final AeroApiStub aeroapi = new AeroApiStub();

    // One poll in the first ten seconds of each minute's tens: a retry is not the next poll's question.
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flightaware.cron", "0/10 * * * * ?").property("flights.answer-cache", "10m"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void aServerErrorIsRetriedAndARefusalIsNot() throws Exception {
        aeroapi.failsOnceThenAnswers("AZ608", 503, AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED));
        aeroapi.refuses("LH1234", 404);
        Flights.book(env.hub(), "R-1", "Ada", "+393331290001", "it", "2027-04-02", "AZ608");
        Flights.book(env.hub(), "R-2", "Bea", "+393331290002", "it", "2027-04-02", "LH1234");

        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("AZ608") == 2
                && aeroapi.questions("LH1234") >= 1);
        // Retries would come within the poll (100 ms, then 200 ms); the next poll is ten seconds on.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> aeroapi.questions("LH1234") == 1);
        assertThat(env.hub().count("SELECT calls FROM cost_days WHERE item = 'flightaware'"))
                .as("the answer that came is metered").isEqualTo(1);
    }
}
