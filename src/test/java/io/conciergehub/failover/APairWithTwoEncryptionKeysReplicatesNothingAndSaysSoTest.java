package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pair whose nodes encrypt with different keys finds out from its heartbeats (they carry a
 * fingerprint of the key, never the key): the active node ships nothing, the standby applies
 * nothing, both say so in /health and /metrics, and the cloud hears of it. (A pair with one key
 * replicating its guests is FailoverIT's ground.)
 */
class APairWithTwoEncryptionKeysReplicatesNothingAndSaysSoTest {

    static final String MISMATCH = "peer encrypts with another concierge.encryption-key";
    static final ObjectMapper JSON = new ObjectMapper();

    static EventSinkStub sink;
    static InProcessPair pair;

    @BeforeAll
    static void startAMismatchedPair() throws Exception {
        sink = new EventSinkStub();
        pair = InProcessPair.withDifferentKeys(sink::configure);
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
        sink.close();
    }

    @Test
    void bothNodesAreDegradedNamingTheOtherKey() {
        for (TestHub node : new TestHub[] {pair.primary(), pair.standby()}) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode health = JSON.readTree(node.getApi("/health", TestHub.READ_KEY).body());
                assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
                assertThat(health.path("reasons").toString()).contains(MISMATCH);
                assertThat(health.path("peer").path("sameEncryptionKey").asBoolean(true)).isFalse();
            });
        }
    }

    @Test
    void theStandbyGetsNoneOfThePrimarysGuests() throws Exception {
        assertThat(pair.primary().postSpoki(Webhooks.spokiInbound("+393331234501", "Ciao")).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> pair.primary().count("SELECT COUNT(*) FROM guests") == 1);

        // Ten ship intervals and several heartbeats: long enough for a batch to arrive if one were sent.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> pair.standby().count("SELECT COUNT(*) FROM guests") == 0);
        assertThat(pair.primary().getApi("/health", TestHub.READ_KEY).body()).contains("\"active\":true");
        assertThat(pair.standby().getApi("/health", TestHub.READ_KEY).body()).contains("\"active\":false");
    }

    @Test
    void bothNodesRaiseTheMismatchGaugeForPrometheus() {
        for (TestHub node : new TestHub[] {pair.primary(), pair.standby()}) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    node.getApi("/metrics", TestHub.READ_KEY).body()).contains("concierge_failover_key_mismatch 1.0"));
        }
    }

    @Test
    void theActiveNodeTellsTheCloudOnce() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sink.acknowledged())
                .filteredOn(event -> event.path("type").asText().equals("failover.key-mismatch")).hasSize(1));
    }
}
