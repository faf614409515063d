package io.conciergehub.failover;

import static io.conciergehub.failover.AStandbyThatTookOverSaysSoAndHandsTheRoleBackWhenAskedTest.health;
import static io.conciergehub.failover.AStandbyThatTookOverSaysSoAndHandsTheRoleBackWhenAskedTest.theStandbyTookOverAndAnswered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A hotel's mini PC comes back after a power cut before its router: the primary cannot reach the
 * standby, which took the role meanwhile, while the standby's heartbeats reach the primary. Its
 * stored epoch cannot tell it that; taking the role at start-up would have fenced the standby, lost
 * what the standby did and sent again what it had sent. The primary stays passive while it hears an
 * active standby, and takes the role only after {@code failover.timeout} without one.
 */
class APrimaryThatCannotReachItsStandbyAtStartDoesNotTakeTheRoleBackTest {

    static final Duration TIMEOUT = Duration.ofMillis(1500);

    @Test
    void itStaysPassiveWhileTheActiveStandbyIsHeardAndTakesTheRoleOnlyAfterTheTimeout() throws Exception {
        try (SpokiStub spoki = new SpokiStub();
             InProcessPair pair = InProcessPair.withOneKey(spoki::configure,
                     standby -> spoki.configure(standby).property("failover.timeout", String.valueOf(TIMEOUT.toMillis())))) {
            TestHub standby = pair.standby();
            String away = "+393337770021";
            theStandbyTookOverAndAnswered(pair, spoki, away);

            // Nothing listens on port 9: the primary's calls to its standby fail, the standby's reach it.
            TestHub returned = pair.restartPrimary(primary -> spoki.configure(primary)
                    .property("failover.peer-url", "http://127.0.0.1:9")
                    .property("failover.timeout", String.valueOf(TIMEOUT.toMillis())));

            await().during(TIMEOUT.multipliedBy(3)).atMost(TIMEOUT.multipliedBy(5)).untilAsserted(() -> {
                assertThat(health(returned).path("active").asBoolean()).as("the returned primary").isFalse();
                assertThat(health(standby).path("active").asBoolean()).as("the standby").isTrue();
            });
            assertThat(returned.log().lines()).anyMatch(line -> line.contains("event=failover.passive role=primary")
                    && line.contains("peer unreachable at start-up"));
            assertThat(spoki.sentTo(away)).as("answered once, by the standby").isEqualTo(1);

            standby.close();

            await().atMost(TIMEOUT.multipliedBy(5)).untilAsserted(() -> assertThat(returned.log().lines())
                    .anyMatch(line -> line.contains("event=failover.active role=primary") && line.contains("no heartbeat for")));
            assertThat(health(returned).path("active").asBoolean()).isTrue();
        }
    }
}
