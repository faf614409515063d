package io.conciergehub.failover;

import static io.conciergehub.failover.AStandbyThatTookOverSaysSoAndHandsTheRoleBackWhenAskedTest.health;
import static io.conciergehub.failover.AStandbyThatTookOverSaysSoAndHandsTheRoleBackWhenAskedTest.theStandbyTookOverAndAnswered;
import static io.conciergehub.failover.AStandbyThatTookOverSaysSoAndHandsTheRoleBackWhenAskedTest.knows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A hand-back whose take-over call times out: the primary took the role, but its answer is lost on
 * a slow link. The standby does not resume under its old epoch beside a primary active under a
 * higher one (both would send until a heartbeat fenced the standby): it stays passive, tells the
 * caller the outcome is unknown (504), and follows the primary. A take-over whose connection was
 * refused never reached the primary: that hand-back failed, and the standby keeps the role.
 */
class AHandBackWhoseTakeOverGetsNoAnswerLeavesOneActiveNodeTest {

    @Test
    void theStandbyStaysPassiveAndThePrimaryAloneHoldsTheRole() throws Exception {
        try (SpokiStub spoki = new SpokiStub();
             InProcessPair pair = InProcessPair.withALinkToThePrimary(spoki::configure,
                     standby -> spoki.configure(standby).property("failover.timeout", "1500")
                             .property("failover.peer-timeout", "1000"))) {
            TestHub standby = pair.standby();
            String away = "+393337770031";
            theStandbyTookOverAndAnswered(pair, spoki, away);
            TestHub returned = pair.restartPrimary(primary -> spoki.configure(primary)
                    .property("failover.auto-failback", "false"));
            await().atMost(Duration.ofSeconds(20)).until(() -> knows(returned, away));
            long standbyEpoch = health(standby).path("epoch").asLong();
            // A standby this quick may have taken the role while the first primary was starting, and been fenced.
            long fencedBefore = fenced(standby);

            // A take-over refused at the door never reached the primary: a failed hand-back, the standby keeps the role.
            pair.linkToPrimary().cut();
            HttpResponse<String> refused = standby.postApi("/api/mesh/failover/handback", TestHub.API_KEY, "");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("handback_failed");
            assertThat(health(standby).path("active").asBoolean()).isTrue();
            pair.linkToPrimary().restore();

            // The primary's answers now reach the standby two seconds late, after its 1 s peer timeout.
            pair.linkToPrimary().delayAnswers(Duration.ofSeconds(2));
            HttpResponse<String> handback = standby.postApi("/api/mesh/failover/handback", TestHub.API_KEY, "");

            assertThat(handback.statusCode()).as(handback.body()).isEqualTo(504);
            assertThat(handback.body()).contains("handback_unanswered");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(health(returned).path("active").asBoolean()).as("the primary took the role").isTrue();
                assertThat(health(returned).path("epoch").asLong()).isGreaterThan(standbyEpoch);
                assertThat(health(standby).path("active").asBoolean()).as("the standby").isFalse();
                assertThat(health(standby).path("epoch").asLong()).as("the standby heard it")
                        .isEqualTo(health(returned).path("epoch").asLong());
            });
            assertThat(fenced(standby)).as("the standby never ran beside the active primary").isEqualTo(fencedBefore);
            assertThat(standby.log().lines()).anyMatch(line -> line.contains("event=failover.handback-unanswered"));
            pair.linkToPrimary().delayAnswers(Duration.ZERO);

            String back = "+393337770032";
            assertThat(returned.postSpoki(Webhooks.spokiInbound(back, "Late checkout?")).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo(back) == 1);
            assertThat(spoki.sentTo(away)).as("answered once, not again by the returned primary").isEqualTo(1);
        }
    }

    private static long fenced(TestHub hub) {
        return hub.log().lines().stream().filter(line -> line.contains("event=failover.fenced")).count();
    }
}
