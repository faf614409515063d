package io.conciergehub.journey;

import static io.conciergehub.journey.Journeys.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A step that falls inside journey.quiet-hours (22:00-08:00 in the hotel's zone) waits for their end. */
class JourneyStepsWaitForTheEndOfQuietHoursTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T22:30"));
    static final String GUEST = "+393331234511";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Journeys.everySecond(hub, clock)
            .property("journey.welcome.template", "1000"));

    @Test
    void aWelcomeDueAtNightGoesAtEightInTheMorning() throws Exception {
        Journeys.book(env.hub(), "Q-1", "Giulia Bianchi", GUEST, "it", "2027-03-10", "2027-03-12");

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> templates(env.spoki(), GUEST).isEmpty());
        clock.moveTo(LocalDateTime.parse("2027-03-02T07:59:30"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> templates(env.spoki(), GUEST).isEmpty());
        assertThat(env.hub().count("SELECT COUNT(*) FROM journey_steps")).isZero();

        clock.moveTo(LocalDateTime.parse("2027-03-02T08:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> templates(env.spoki(), GUEST).size() == 1);
        assertThat(templates(env.spoki(), GUEST).get(0).path("template").asLong()).isEqualTo(1000);
    }
}
