package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The night pause and the budget's are two stored pauses: at 08:00 the schedule resumes the
 * cloud-facing work it paused at 02:00, and the flight watch the budget holds stays paused.
 */
class TheMorningResumeLeavesTheBudgetPauseAloneTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-05-10T01:00"));
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> aeroapi.configure(Pauses.everySecond(hub, clock))
            .property("costs.template-message", "0.60").property("costs.monthly-budget", "1")
            .property("costs.check-cron", "* * * * * ?"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void theMorningResumeKeepsTheFlightWatchPaused() throws Exception {
        Flights.book(env.hub(), "N-1", "Ada", "+393331320001", "it", "2027-05-11", null);
        for (String phone : new String[] {"+393331320001", "+393331320002"}) {
            assertThat(Flights.command(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone
                    + "\",\"template\":\"1234\"}}")).isEqualTo("succeeded");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> status("flights") == ServiceStatus.Suspended);

        clock.moveTo(LocalDateTime.parse("2027-05-10T02:00:30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "schedule-night".equals(Pauses.by(env.hub()))
                && !Pauses.forwarding(env.hub()));

        clock.moveTo(LocalDateTime.parse("2027-05-10T08:00:30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Pauses.forwarding(env.hub()) && !Pauses.paused(env.hub()));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> status("flights") == ServiceStatus.Suspended);
        assertThat(Pauses.stats(env.hub()).path("paidPollers").path("by").asText()).isEqualTo("budget");
    }

    private static ServiceStatus status(String route) {
        return env.hub().context().getRouteController().getRouteStatus(route);
    }
}
