package io.conciergehub.journey;

import static io.conciergehub.journey.Journeys.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Only the active node runs the journey. The steps it sent replicate to the standby; when the
 * standby takes over it sends what is due from then on, and nothing the primary sent again.
 */
class AfterAFailoverTheStandbySendsWhatIsDueOnceTest {

    static final String GUEST = "+393331234541";

    @Test
    void theStandbySendsThePreArrivalMessageAndNotTheWelcomeAgain() throws Exception {
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
        try (SpokiStub spoki = new SpokiStub()) {
            UnaryOperator<TestHub.Builder> journey = hub -> Journeys.everySecond(spoki.configure(hub), clock)
                    .property("journey.welcome.template", "1000")
                    .property("journey.pre-arrival.template", "1001");
            try (InProcessPair pair = InProcessPair.withOneKey(journey, journey).awaitPaired()) {
                Journeys.book(pair.primary(), "F-1", "Sara Gallo", GUEST, "it", "2027-03-05", "2027-03-07");
                await().atMost(Duration.ofSeconds(20)).until(() -> templates(spoki, GUEST).size() == 1);
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        pair.standby().count("SELECT COUNT(*) FROM journey_steps WHERE step = 'welcome'") == 1);

                pair.primary().close();
                clock.advance(Duration.ofMinutes(3)); // past failover.timeout: the standby takes over
                await().atMost(Duration.ofSeconds(20)).until(() -> pair.standby().context().getRouteController()
                        .getRouteStatus("guest-journey").isStarted());

                clock.moveTo(LocalDateTime.parse("2027-03-03T10:00"));
                await().atMost(Duration.ofSeconds(20)).until(() -> templates(spoki, GUEST).size() == 2);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                        .until(() -> templates(spoki, GUEST).size() == 2);
                assertThat(templates(spoki, GUEST).stream().map(body -> body.path("template").asLong()))
                        .containsExactly(1000L, 1001L);
            }
        }
    }
}
