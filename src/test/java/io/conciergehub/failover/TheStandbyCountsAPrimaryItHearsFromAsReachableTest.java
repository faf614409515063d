package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A passive standby calls nobody; the primary's heartbeats are how it hears its peer, so its
 * /health counts the primary reachable while they arrive, and unreachable once they stop.
 */
class TheStandbyCountsAPrimaryItHearsFromAsReachableTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void whileItsHeartbeatsArriveAndNotAfter() throws Exception {
        try (InProcessPair pair = InProcessPair.withOneKey()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode peer = standbysPeer(pair);
                assertThat(peer.path("active").asBoolean()).as("heard the active primary").isTrue();
                assertThat(peer.path("reachable").asBoolean()).isTrue();
            });

            pair.primary().close();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !standbysPeer(pair).path("reachable").asBoolean(true));
        }
    }

    static JsonNode standbysPeer(InProcessPair pair) throws Exception {
        return JSON.readTree(pair.standby().getApi("/health", TestHub.READ_KEY).body()).path("peer");
    }
}
