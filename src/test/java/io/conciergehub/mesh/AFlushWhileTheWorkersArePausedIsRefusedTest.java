package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the workers are paused, POST /api/mesh/sync/queue is refused at once (409, saying that
 * RESUME_WORKERS lifts the pause) and the buffer is left as it is; it used to wait, unanswered,
 * for the paused drain. Once resumed, the same request forwards what waited.
 */
class AFlushWhileTheWorkersArePausedIsRefusedTest {

    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> sink.configure(hub.scopedKeys()));

    @Test
    void theFlushIsRefusedUntilTheWorkersResume() throws Exception {
        assertThat(Commands.runToEnd(env.hub(), "{\"action\":\"PAUSE_WORKERS\"}").path("status").asText())
                .isEqualTo("succeeded");
        assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                "{\"id\":\"paused-1\",\"type\":\"job.finished\"}").statusCode()).isEqualTo(202);

        HttpResponse<String> refused = env.hub().postApi("/api/mesh/sync/queue", TestHub.SYNC_KEY, "");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(MeshJson.body(refused).path("detail").asText()).contains("paused", "RESUME_WORKERS");
        assertThat(env.hub().count("SELECT COUNT(*) FROM buffered_events WHERE event_id = 'paused-1'")).isOne();
        assertThat(sink.acknowledged()).isEmpty();

        assertThat(Commands.runToEnd(env.hub(), "{\"action\":\"RESUME_WORKERS\"}").path("status").asText())
                .isEqualTo("succeeded");
        assertThat(env.hub().postApi("/api/mesh/sync/queue", TestHub.SYNC_KEY, "").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.acknowledged().stream()
                .anyMatch(event -> event.path("id").asText().equals("paused-1")));
    }
}
