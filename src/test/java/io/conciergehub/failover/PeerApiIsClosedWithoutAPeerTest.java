package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.PeerCalls;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A single hub has no peer, so it has no peer API: the calls that fenced it (a heartbeat claiming
 * a higher epoch) and fed it rows (a change batch) are answered 404, whatever key or signature
 * they carry, and the hub goes on answering guests. An operator's hand-back has nobody to hand to: 409.
 */
class PeerApiIsClosedWithoutAPeerTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    static final String FENCING_HEARTBEAT = "{\"node\":\"node-x\",\"role\":\"standby\",\"epoch\":999,\"active\":false,"
            + "\"lastSeq\":0}";
    static final List<String> PEER_PATHS = List.of("/api/mesh/heartbeat", "/api/mesh/sync/changes",
            "/api/mesh/sync/snapshot", "/api/mesh/relay", "/api/mesh/failover/takeover");

    @Test
    void everyPeerCallIsNotFound() throws Exception {
        PeerCalls peer = new PeerCalls(env.hub());
        for (String path : PEER_PATHS) {
            assertThat(env.hub().postApi(path, TestHub.SYNC_KEY, FENCING_HEARTBEAT).statusCode()).as(path).isEqualTo(404);
            assertThat(env.hub().postApi(path, TestHub.API_KEY, FENCING_HEARTBEAT).statusCode()).as(path).isEqualTo(404);
            assertThat(peer.send(peer.signed("POST", path, FENCING_HEARTBEAT, "node-x")).statusCode()).as(path)
                    .isEqualTo(404);
        }
        assertThat(env.hub().getApi("/api/mesh/sync/snapshots/hub-20260101T000000.000Z.db.gz", TestHub.SYNC_KEY)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aHandBackHasNobodyToHandToAndIsAConflict() throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/failover/handback", TestHub.API_KEY, "");

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("no peer is configured");
        assertThat(env.hub().getApi("/health", TestHub.READ_KEY).body()).contains("\"active\":true");
    }

    @Test
    void aHeartbeatClaimingAHigherEpochDoesNotFenceTheHub() throws Exception {
        env.hub().postApi("/api/mesh/heartbeat", TestHub.SYNC_KEY, FENCING_HEARTBEAT);

        assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+393331110042", "Where can I park?")).statusCode())
                .isEqualTo(200);
        assertThat(env.hub().postApi("/api/mesh/commands", TestHub.COMMANDS_KEY, "{\"action\":\"SEND_MESSAGE\","
                + "\"payload\":{\"phone\":\"+393331110042\",\"message\":\"Welcome\",\"language\":\"en\"}}").statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM outbox WHERE state = 'done'") >= 1);
    }
}
