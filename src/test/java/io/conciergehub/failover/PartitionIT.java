package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubProcess;
import io.conciergehub.support.LinkProxy;
import io.conciergehub.support.NodePair;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The link between the nodes breaks while both run (neither is killed). What happens, as the
 * README states it: after failover.timeout both are active and each answers the guests that reach
 * it; when the link returns, the node with the lower epoch gives way, relays the guest messages it
 * took meanwhile, and the primary ends up active again. Every message is answered once.
 */
class PartitionIT {

    @Test
    void bothNodesAreActiveDuringAPartitionAndOneGivesWayWhenItHeals() throws Exception {
        int primaryPort = TestHub.freePort();
        int standbyPort = TestHub.freePort();
        try (SpokiStub spoki = new SpokiStub();
             LinkProxy toStandby = new LinkProxy(standbyPort);
             LinkProxy toPrimary = new LinkProxy(primaryPort)) {
            NodePair nodes = new NodePair(spoki);
            try (HubProcess primary = HubProcess.start("PartitionIT-primary", Files.createTempDirectory("hub-primary-"),
                    nodes.node("primary", toStandby.port()), primaryPort);
                 HubProcess standby = HubProcess.start("PartitionIT-standby", Files.createTempDirectory("hub-standby-"),
                         nodes.node("standby", toPrimary.port()), standbyPort)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> nodes.settled(primary, standby));

                toStandby.cut();
                toPrimary.cut();
                await().atMost(NodePair.TIMEOUT.plusSeconds(15)).until(() -> nodes.active(standby));
                assertThat(nodes.active(primary)).as("the primary does not know it was replaced").isTrue();
                assertThat(nodes.health(standby).path("epoch").asLong()).as("the standby raised the epoch")
                        .isGreaterThan(nodes.health(primary).path("epoch").asLong());

                // Each side answers the guests that reach it.
                assertThat(nodes.post(primary, "+393339000001", "Breakfast?")).isEqualTo(200);
                assertThat(nodes.post(standby, "+393339000002", "Parking?")).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo("+393339000001") == 1
                        && spoki.sentTo("+393339000002") == 1);

                toStandby.restore();
                toPrimary.restore();
                // The primary meets the higher epoch, gives way, takes the standby's state, relays what
                // it took during the partition, and takes its role back.
                await().atMost(Duration.ofSeconds(60)).until(() -> nodes.active(primary) && !nodes.active(standby)
                        && nodes.guestKnown(primary, "+393339000002") && nodes.guestKnown(standby, "+393339000001"));
                int total = spoki.sends().size();
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> spoki.sends().size() == total);
                // By identity: each guest answered once, nobody else, nothing dead-lettered.
                assertThat(spoki.sentTo("+393339000001")).isEqualTo(1);
                assertThat(spoki.sentTo("+393339000002")).isEqualTo(1);
                assertThat(spoki.sends()).as("sends to anyone").hasSize(2);
                assertThat(nodes.deadLetters(primary)).isEmpty();
            }
        }
    }
}
