package io.conciergehub.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sink that answers 429 or 503 with {@code Retry-After} is not called again before then (up to
 * events.max-retry-delay), though the poller wakes every 200 ms; the event waits first in line, uncounted, until the operator's
 * flush (or the time given) sends it.
 */
class ASinkThatSaysRetryAfterIsLeftAloneThatLongTest {

    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub();

    // The breaker stays closed: only Retry-After holds the calls back.
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> sink.configure(hub.scopedKeys())
            .property("events.circuit.minimum-calls", "100").property("events.timeout", "10000")
            .property("events.max-retry-delay", "1h"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {429, 503})
    void theSinkIsNotCalledAgainBeforeItsRetryAfter(int status) throws Exception {
        String id = "later-" + status;
        sink.answer(aResponse().withStatus(status).withHeader("Retry-After", "3600"));
        assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                "{\"id\":\"" + id + "\",\"type\":\"job.finished\",\"data\":{}}").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.sent(id) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> sink.sent(id) == 1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM buffered_events WHERE attempts = 0")).isEqualTo(1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM dead_letters WHERE source = 'events'")).isZero();

        sink.answer(aResponse().withStatus(202));
        assertThat(env.hub().postApi("/api/mesh/sync/queue", TestHub.SYNC_KEY, "").statusCode()).isEqualTo(200);
        assertThat(env.hub().count("SELECT COUNT(*) FROM buffered_events")).isZero();
    }
}
