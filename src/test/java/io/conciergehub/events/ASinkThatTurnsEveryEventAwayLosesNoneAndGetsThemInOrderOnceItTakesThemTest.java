package io.conciergehub.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sink that answers every event with a status that says the sink, not the event, is wrong (a
 * redirect, its token refused, a wrong URL or method, a proxy asking for credentials, 408, 429)
 * gets the first event again and again, never the ones behind it, and none becomes a dead letter;
 * once it takes events again, all of them arrive in the order they happened.
 */
class ASinkThatTurnsEveryEventAwayLosesNoneAndGetsThemInOrderOnceItTakesThemTest {

    private static final int EVENTS = 30;

    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub();

    // Every case posts its events at once: the API's own rate limit is not what is tested here. A
    // slow machine's sink is not timed out, which would send an event twice.
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> sink.configure(hub.scopedKeys())
            .property("api.rate-limit", "100000").property("events.timeout", "10000"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {401, 403, 404, 405, 407, 408, 429, 301})
    void everyEventWaitsFirstInLineUntilTheSinkTakesThem(int status) throws Exception {
        sink.answer(aResponse().withStatus(status).withHeader("Location", "/elsewhere"));
        int before = sink.requests().size();
        List<String> ids = IntStream.rangeClosed(1, EVENTS).mapToObj(n -> String.format("s%d-%02d", status, n)).toList();
        for (String id : ids) {
            assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                    "{\"id\":\"" + id + "\",\"type\":\"job.finished\",\"data\":{}}").statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> sink.requests().size() - before >= 3);
        assertThat(sink.sent(ids.get(0))).as("only the first event is tried").isEqualTo(sink.requests().size() - before);
        assertThat(env.hub().count("SELECT COUNT(*) FROM dead_letters WHERE source = 'events'")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM buffered_events")).isEqualTo(EVENTS);
        assertThat(env.hub().count("SELECT COUNT(*) FROM buffered_events WHERE attempts > 0")).isZero();

        sink.answer(aResponse().withStatus(200));
        await().atMost(Duration.ofSeconds(20)).until(() -> env.hub().count("SELECT COUNT(*) FROM buffered_events") == 0);
        assertThat(sink.acknowledged().stream().map(event -> event.path("id").asText())
                .filter(id -> id.startsWith("s" + status + "-"))).containsExactlyElementsOf(ids);
        assertThat(env.hub().count("SELECT COUNT(*) FROM dead_letters WHERE source = 'events'")).isZero();
    }
}
