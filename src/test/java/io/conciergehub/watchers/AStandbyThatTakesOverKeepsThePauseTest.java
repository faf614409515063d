package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The workers' pause replicates: a standby that takes over from a paused primary starts the
 * guests' work (group consumers) but keeps the cloud-facing work paused until RESUME_WORKERS.
 */
class AStandbyThatTakesOverKeepsThePauseTest {

    @Test
    void theCloudWorkStaysPausedAfterATakeOver() throws Exception {
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-05-10T15:00"));
        UnaryOperator<TestHub.Builder> node = hub -> Pauses.everySecond(hub, clock);
        try (InProcessPair pair = InProcessPair.withOneKey(node, node).awaitPaired()) {
            Flights.book(pair.primary(), "F-1", "Ada", "+393331280001", "it", "2027-05-11", null);
            assertThat(Flights.command(pair.primary(), "{\"action\":\"PAUSE_WORKERS\"}")).isEqualTo("succeeded");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> pair.standby().count("SELECT paused FROM worker_pause WHERE id = 1") == 1);

            pair.primary().close();
            clock.advance(Duration.ofMinutes(3)); // past failover.timeout: the standby takes over
            await().atMost(Duration.ofSeconds(20)).until(() -> pair.standby().context().getRouteController()
                    .getRouteStatus("guest-journey").isStarted());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> Pauses.paused(pair.standby()) && !Pauses.forwarding(pair.standby()));
            assertThat(Pauses.by(pair.standby())).startsWith("command:");

            assertThat(Flights.command(pair.standby(), "{\"action\":\"RESUME_WORKERS\"}")).isEqualTo("succeeded");
            assertThat(Pauses.forwarding(pair.standby())).isTrue();
        }
    }
}
