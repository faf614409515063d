package io.conciergehub.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sink that is down (503, then connections dropped) for far more tries than events.max-attempts
 * does not cost an event anything: the first one is tried again and again, none becomes a dead
 * letter, and when the sink is back every event arrives, in the order it happened.
 */
class ASinkDownLongerThanTheMaxAttemptsLosesNoEventAndGetsThemInOrderTest {

    private static final int MAX_ATTEMPTS = 3;

    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub();

    // Short spacing, and a breaker that stays closed: the outage outlasts max-attempts within a second
    // or two. A slow machine's sink is not timed out, which would send an event twice.
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> sink.configure(hub.scopedKeys())
            .property("events.max-attempts", String.valueOf(MAX_ATTEMPTS)).property("events.retry-delay", "100")
            .property("events.max-retry-delay", "200").property("events.circuit.minimum-calls", "100")
            .property("events.timeout", "10000"));

    @Test
    void theEventsWaitOutTheOutageAndArriveInOrder() throws Exception {
        sink.answer(aResponse().withStatus(503));
        List<String> ids = IntStream.rangeClosed(1, 10).mapToObj(n -> String.format("down-%02d", n)).toList();
        for (String id : ids) {
            assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                    "{\"id\":\"" + id + "\",\"type\":\"job.finished\",\"data\":{}}").statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> sink.requests().size() >= 2 * MAX_ATTEMPTS);

        sink.answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        int before = sink.requests().size();
        await().atMost(Duration.ofSeconds(15)).until(() -> sink.requests().size() >= before + 2 * MAX_ATTEMPTS);

        assertThat(sink.sent("down-01")).as("only the first event is tried").isEqualTo(sink.requests().size());
        assertThat(env.hub().count("SELECT COUNT(*) FROM dead_letters WHERE source = 'events'")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM buffered_events")).isEqualTo(ids.size());

        sink.answer(aResponse().withStatus(202));
        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count("SELECT COUNT(*) FROM buffered_events") == 0);
        assertThat(sink.acknowledged().stream().map(event -> event.path("id").asText())).containsExactlyElementsOf(ids);
        assertThat(env.hub().count("SELECT COUNT(*) FROM dead_letters WHERE source = 'events'")).isZero();
    }
}
