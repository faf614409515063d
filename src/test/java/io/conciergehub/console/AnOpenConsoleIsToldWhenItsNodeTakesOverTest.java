package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.LiveClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A console open on the standby hears the node's state when it connects (passive, naming the
 * primary) and again when the standby takes over (its primary silent for failover.timeout): active,
 * with the new epoch, on the same connection.
 */
class AnOpenConsoleIsToldWhenItsNodeTakesOverTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys().standbyOfAnAbsentPrimary()
            .property("failover.heartbeat-interval", "1s").property("failover.timeout", "4s"));

    @Test
    void theNodeFrameChangesFromPassiveToActive() throws Exception {
        String jwt = ConsoleBrowser.replicatedSession(env.hub(), "vera");
        try (LiveClient live = LiveClient.open(env.hub(), "Cookie", ConsoleCookies.SESSION + "=" + jwt)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !live.frames("node").isEmpty());
            assertThat(live.frames("node").get(0).path("role").asText()).isEqualTo("passive");
            long epochBefore = live.frames("node").get(0).path("epoch").asLong();

            await().atMost(Duration.ofSeconds(30)).until(() -> live.frames("node").stream()
                    .anyMatch(node -> node.path("role").asText().equals("active")));
            var active = live.frames("node").stream().filter(node -> node.path("role").asText().equals("active"))
                    .findFirst().orElseThrow();
            assertThat(active.path("epoch").asLong()).isGreaterThan(epochBefore);
            assertThat(live.closeCode()).as("the same connection").isNull();
        }
    }
}
