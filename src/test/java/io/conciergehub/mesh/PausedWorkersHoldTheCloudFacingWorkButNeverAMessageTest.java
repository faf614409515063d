package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PAUSE_WORKERS pauses the cloud-facing work (events wait for the sink), never a message: a guest
 * who writes meanwhile is answered, and a commanded message goes. RESUME_WORKERS forwards what waited.
 */
class PausedWorkersHoldTheCloudFacingWorkButNeverAMessageTest {

    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> sink.configure(hub.scopedKeys()));

    @Test
    void guestsAreAnsweredAndEventsWaitUntilResumed() throws Exception {
        assertThat(Commands.runToEnd(env.hub(), "{\"action\":\"PAUSE_WORKERS\"}").path("status").asText())
                .isEqualTo("succeeded");
        assertThat(MeshJson.body(env.hub().getApi("/api/mesh/stats", TestHub.READ_KEY)).path("workersPaused").asBoolean())
                .isTrue();
        int eventsBefore = sink.requests().size();

        String guest = "+393351110004";
        Webhooks.guestWritesOnSpoki(env.hub(), Clock.systemUTC(), guest, "A che ora è il check-in?");
        await().atMost(Duration.ofSeconds(15)).until(() -> env.spoki().sentTo(guest) == 1);
        String commanded = "+393351110003";
        assertThat(Commands.runToEnd(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\""
                + commanded + "\",\"template\":\"1234\"}}").path("status").asText()).isEqualTo("succeeded");
        assertThat(env.spoki().sentTo(commanded)).isEqualTo(1);
        // The new guest's guest.created and the command's events wait for the paused forwarding.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> sink.requests().size() == eventsBefore);

        assertThat(Commands.runToEnd(env.hub(), "{\"action\":\"RESUME_WORKERS\"}").path("status").asText())
                .isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(15)).until(() -> sink.requests().size() > eventsBefore);
    }
}
