package io.conciergehub.journey;

import static io.conciergehub.journey.Journeys.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The steps a hub sent are remembered in its database: started again on it, the hub sends them no second time. */
class JourneyStepsAreNotSentAgainAfterARestartTest {

    static final String FIRST = "+393331234531";
    static final String SECOND = "+393331234532";

    @Test
    void aRestartedHubSendsOnlyWhatIsNewlyDue() throws Exception {
        Path dataDir = Files.createTempDirectory("journey-restart-");
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
        try (SpokiStub spoki = new SpokiStub()) {
            try (TestHub hub = start(spoki, clock, dataDir)) {
                Journeys.book(hub, "R-1", "Anna Verdi", FIRST, "it", "2027-03-05", "2027-03-07");
                await().atMost(Duration.ofSeconds(20)).until(() -> templates(spoki, FIRST).size() == 1);
            }

            clock.advance(Duration.ofMinutes(5));
            try (TestHub hub = start(spoki, clock, dataDir)) {
                // A booking made after the restart gets its welcome: the journey runs; the first one none again.
                Journeys.book(hub, "R-2", "Paolo Neri", SECOND, "it", "2027-03-05", "2027-03-07");
                await().atMost(Duration.ofSeconds(20)).until(() -> templates(spoki, SECOND).size() == 1);
                clock.moveTo(LocalDateTime.parse("2027-03-03T10:00"));
                await().atMost(Duration.ofSeconds(20)).until(() -> templates(spoki, FIRST).size() == 2
                        && templates(spoki, SECOND).size() == 2);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                        .until(() -> templates(spoki, FIRST).size() == 2);
                assertThat(templates(spoki, FIRST).stream().map(body -> body.path("template").asLong()))
                        .containsExactly(1000L, 1001L);
            }
        }
    }

    private static TestHub start(SpokiStub spoki, TestClock clock, Path dataDir) throws Exception {
        return Journeys.everySecond(spoki.configure(TestHub.builder()), clock).dataDir(dataDir)
                .property("journey.welcome.template", "1000")
                .property("journey.pre-arrival.template", "1001").start();
    }
}
