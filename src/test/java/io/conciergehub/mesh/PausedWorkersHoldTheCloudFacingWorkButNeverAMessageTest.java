package io.conciergehub.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
 * A backlog on its way to the sink stops at once, not when it is gone.
 */
class PausedWorkersHoldTheCloudFacingWorkButNeverAMessageTest {

    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> sink.configure(hub.scopedKeys())
            .property("api.rate-limit", "100000"));

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

    @Test
    void aBacklogOnItsWayToTheSinkStopsAsSoonAsTheWorkersArePaused() throws Exception {
        sink.answer(aResponse().withStatus(202).withFixedDelay(100)); // a few events a second
        int backlog = 80;
        for (int n = 1; n <= backlog; n++) {
            assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                    "{\"id\":\"backlog-" + n + "\",\"type\":\"job.finished\",\"data\":{}}").statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.sent("backlog-5") == 1);
        int beforePause = sink.requests().size();

        assertThat(Commands.runToEnd(env.hub(), "{\"action\":\"PAUSE_WORKERS\"}").path("status").asText())
                .isEqualTo("succeeded");
        int paused = sink.requests().size();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> sink.requests().size() == paused);

        assertThat(paused - beforePause).as("events sent while the pause was under way").isLessThanOrEqualTo(5);
        assertThat(env.hub().count("SELECT COUNT(*) FROM buffered_events")).as("the rest waits").isPositive();

        sink.answer(aResponse().withStatus(202));
        assertThat(Commands.runToEnd(env.hub(), "{\"action\":\"RESUME_WORKERS\"}").path("status").asText())
                .isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count("SELECT COUNT(*) FROM buffered_events") == 0);
    }
}
