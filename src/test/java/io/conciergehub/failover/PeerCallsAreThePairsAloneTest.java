package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.PeerCalls;
import io.conciergehub.support.TestHub;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A node of a pair answers peer calls only when they are signed with the pair's key (the peer
 * scope), recent, new, and from the node it paired with; an API key of any scope is no peer.
 */
class PeerCallsAreThePairsAloneTest {

    static final String PAIRED = "node-a";
    static final String STANDBY_STATE = "{\"node\":\"node-a\",\"role\":\"standby\",\"epoch\":0,\"active\":false,"
            + "\"lastSeq\":0}";
    static final String FOREIGN_CHANGES = "{\"source\":\"node-b\",\"epoch\":999,\"after\":0,\"changes\":[{\"seq\":1,"
            + "\"table\":\"guests\",\"op\":\"insert\",\"key\":{\"id\":4242},\"row\":{\"id\":4242,\"name\":\"Mallory\"}}]}";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            // A primary whose standby is away: it holds the role, and its peer API is open to the pair.
            .property("failover.peer-url", "http://127.0.0.1:9")
            .property("failover.peer-api-key", TestHub.PEER_KEY));

    static PeerCalls peer;

    @BeforeAll
    static void pairWithNodeA() throws Exception {
        peer = new PeerCalls(env.hub());
        assertThat(peer.send(peer.signed("POST", "/api/mesh/heartbeat", STANDBY_STATE, PAIRED)).statusCode())
                .isEqualTo(200);
    }

    record PeerPath(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<PeerPath> peerPaths() {
        return Stream.of(new PeerPath("POST", "/api/mesh/heartbeat", STANDBY_STATE.replace("node-a", "node-b")
                        .replace("\"epoch\":0", "\"epoch\":999")),
                new PeerPath("POST", "/api/mesh/sync/changes", FOREIGN_CHANGES),
                new PeerPath("GET", "/api/mesh/sync/snapshots/hub-20260101T000000.000Z.db.gz", null),
                new PeerPath("POST", "/api/mesh/failover/takeover", "{\"node\":\"node-b\",\"epoch\":999,\"lastSeq\":0}"));
    }

    @ParameterizedTest(name = "{0} with an API key of every scope")
    @MethodSource("peerPaths")
    void anApiKeyOfAnyScopeIsNoPeer(PeerPath call) throws Exception {
        for (String key : new String[] {TestHub.SYNC_KEY, TestHub.API_KEY, TestHub.PEER_KEY}) {
            HttpResponse<String> answer = peer.send(HttpRequest.newBuilder(URI.create(env.hub().url(call.path())))
                    .header("Content-Type", "application/json").header("X-API-Key", key)
                    .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(call.body())).build());

            assertThat(answer.statusCode()).as("with %s", key).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("epoch", "lastSeq", "node-");
        }
        assertStillTheActiveUnchangedPrimary();
    }

    @ParameterizedTest(name = "{0} signed by another node holding the pair's key")
    @MethodSource("peerPaths")
    void anotherNodeWithThePairsKeyIsRefused(PeerPath call) throws Exception {
        HttpResponse<String> answer = peer.send(peer.signed(call.method(), call.path(), call.body(), "node-b"));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).doesNotContain("lastSeq");
        assertStillTheActiveUnchangedPrimary();
    }

    @Test
    void theSignedCallOfThePairedNodeIsAnswered() throws Exception {
        HttpResponse<String> answer = peer.send(peer.signed("POST", "/api/mesh/heartbeat", STANDBY_STATE, PAIRED));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(answer.body()).path("active").asBoolean()).isTrue();
    }

    @Test
    void aRecordedCallSentAgainIsRefused() throws Exception {
        HttpRequest recorded = peer.signed("POST", "/api/mesh/heartbeat", STANDBY_STATE, PAIRED);

        assertThat(peer.send(recorded).statusCode()).isEqualTo(200);
        assertThat(peer.send(recorded).statusCode()).isEqualTo(401);
    }

    @Test
    void aStaleCallIsRefused() throws Exception {
        HttpRequest stale = peer.signed("POST", "/api/mesh/heartbeat", STANDBY_STATE, PAIRED, TestHub.PEER_KEY,
                Instant.now().minus(Duration.ofMinutes(6)));

        assertThat(peer.send(stale).statusCode()).isEqualTo(401);
    }

    @Test
    void aCallSignedWithAKeyWithoutThePeerScopeIsRefused() throws Exception {
        HttpRequest signedWithSyncKey = peer.signed("POST", "/api/mesh/heartbeat", STANDBY_STATE, PAIRED,
                TestHub.SYNC_KEY, Instant.now());

        assertThat(peer.send(signedWithSyncKey).statusCode()).isEqualTo(401);
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() throws Exception {
        HttpRequest signed = peer.signed("POST", "/api/mesh/sync/changes", FOREIGN_CHANGES.replace("999", "0"), PAIRED);
        HttpRequest tampered = HttpRequest.newBuilder(signed, (name, value) -> true)
                .POST(HttpRequest.BodyPublishers.ofString(FOREIGN_CHANGES)).build();

        assertThat(peer.send(tampered).statusCode()).isEqualTo(401);
        assertStillTheActiveUnchangedPrimary();
    }

    @ParameterizedTest(name = "{0} without the sender's epoch")
    @MethodSource("peerPathsWithEpoch")
    void aPeerCallWithoutItsEpochIsABadRequest(PeerPath call) throws Exception {
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree(call.body().replace("node-b", PAIRED));
        body.remove("epoch");

        HttpResponse<String> answer = peer.send(peer.signed(call.method(), call.path(), body.toString(), PAIRED));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("epoch");
        assertStillTheActiveUnchangedPrimary();
    }

    static Stream<PeerPath> peerPathsWithEpoch() {
        return Stream.concat(peerPaths(), Stream.of(new PeerPath("POST", "/api/mesh/sync/snapshot",
                "{\"source\":\"node-b\",\"epoch\":0,\"name\":\"hub-20260101T000000.000Z.db.gz\",\"sha256\":\"00\","
                        + "\"position\":0}"))).filter(call -> call.body() != null && call.body().contains("\"epoch\""));
    }

    /** Nothing a refused call carried was applied: the node holds its role and epoch, no guest was added. */
    static void assertStillTheActiveUnchangedPrimary() throws Exception {
        var health = new ObjectMapper().readTree(env.hub().get("/health", "X-API-Key", TestHub.READ_KEY).body());
        assertThat(health.path("active").asBoolean()).isTrue();
        assertThat(health.path("epoch").asLong()).isLessThan(999);
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE id = 4242")).isZero();
    }
}
