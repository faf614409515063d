package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubCommand;
import io.conciergehub.support.PeerCalls;
import io.conciergehub.support.TestHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A node stays paired with the first peer whose signed call it accepted, across restarts, until
 * the operator runs {@code re-pair} on its stopped data directory (a rebuilt standby has a new id).
 */
class RePairTest {

    static final String STATE = "{\"node\":\"%s\",\"role\":\"standby\",\"epoch\":0,\"active\":false,\"lastSeq\":0}";

    @Test
    void aRebuiltPeerIsAcceptedOnlyAfterRePair() throws Exception {
        Path dataDir;
        try (TestHub hub = pairedHub(null)) {
            dataDir = hub.dataDir();
            assertThat(heartbeat(hub, "node-old")).isEqualTo(200);
            assertThat(HubCommand.run(dataDir, "re-pair").exitCode()).as("refused while the hub runs").isEqualTo(1);
        }
        try (TestHub hub = pairedHub(dataDir)) {
            assertThat(heartbeat(hub, "node-new")).as("still paired after a restart").isEqualTo(403);
        }

        HubCommand.Result rePaired = HubCommand.run(dataDir, "re-pair");

        assertThat(rePaired.exitCode()).isZero();
        assertThat(rePaired.out()).contains("forgot peer node-old");
        try (TestHub hub = pairedHub(dataDir)) {
            assertThat(heartbeat(hub, "node-new")).isEqualTo(200);
            assertThat(heartbeat(hub, "node-old")).isEqualTo(403);
        }
    }

    static TestHub pairedHub(Path dataDir) throws Exception {
        TestHub.Builder builder = TestHub.builder().scopedKeys().property("failover.peer-url", "http://127.0.0.1:9")
                .property("failover.peer-api-key", TestHub.PEER_KEY);
        return (dataDir == null ? builder : builder.dataDir(dataDir)).start();
    }

    static int heartbeat(TestHub hub, String node) throws Exception {
        PeerCalls peer = new PeerCalls(hub);
        return peer.send(peer.signed("POST", "/api/mesh/heartbeat", STATE.formatted(node), node)).statusCode();
    }
}
