package io.conciergehub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The cloud job runner's event endpoint on loopback (WireMock): {@code POST /events} with a bearer
 * token, answering 202 by default. Tests switch it to errors and timeouts to play an outage. It
 * starts at once; as a test class's {@code @RegisterExtension} field it stops after the class's
 * tests, else it is closed like any resource.
 */
public final class EventSinkStub implements AutoCloseable, AfterAllCallback {

    public static final String PATH = "/events";
    public static final String TOKEN = "sink-token-0123456789";
    /** The hub's events.timeout in {@link #configure}. */
    public static final int TIMEOUT_MILLIS = 500;

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    private final ObjectMapper json = new ObjectMapper();

    public EventSinkStub() {
        server.start();
        answer(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{\"ok\":true}"));
    }

    public EventSinkStub answer(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(response));
        return this;
    }

    /** Answers the events whose body contains {@code text} (e.g. an event's id) so; others as before. */
    public EventSinkStub answerFor(String text, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(text)).atPriority(1).willReturn(response));
        return this;
    }

    /**
     * Answers the events whose body contains {@code text} with {@code answers} in turn, one per
     * request, and with the last one from then on; others as before.
     */
    public EventSinkStub answerInTurn(String text, ResponseDefinitionBuilder... answers) {
        String scenario = "answers in turn to " + text;
        for (int i = 0; i < answers.length; i++) {
            var stub = post(urlEqualTo(PATH)).withRequestBody(containing(text)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer " + i);
            server.stubFor((i + 1 < answers.length ? stub.willSetStateTo("answer " + (i + 1)) : stub).willReturn(answers[i]));
        }
        return this;
    }

    /** Properties pointing a hub at this sink, with short retry spacing and breaker timings for tests. */
    public TestHub.Builder configure(TestHub.Builder hub) {
        return hub.property("events.sink-url", server.baseUrl() + PATH).property("events.sink-token", TOKEN)
                .property("events.poll-interval", "200").property("events.retry-delay", "200")
                .property("events.max-retry-delay", "400").property("events.timeout", String.valueOf(TIMEOUT_MILLIS))
                .property("events.circuit.minimum-calls", "2").property("events.circuit.open-duration", "1s");
    }

    /**
     * Every request the sink received, oldest first: WireMock's journal, newest first, reversed. Not
     * sorted by the time each was logged, which counts in milliseconds: on a quick machine two events
     * in one millisecond kept the journal's order, newest first, and looked sent out of order.
     */
    public List<ServeEvent> requests() {
        List<ServeEvent> newestFirst = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** How many times the hub sent the event with this id, whatever the sink answered. */
    public long sent(String eventId) {
        return requests().stream().filter(event -> read(event.getRequest().getBodyAsString()).path("id").asText()
                .equals(eventId)).count();
    }

    /**
     * The bodies of the events the sink acknowledged (2xx) before the hub's timeout, in the order
     * they arrived: what the hub saw as delivered. An answer after the timeout never reached it, nor
     * did one whose connection was dropped (a fault, which WireMock records as a 200).
     */
    public List<JsonNode> acknowledged() {
        return requests().stream().filter(event -> event.getResponse().getStatus() / 100 == 2
                        && event.getResponseDefinition().getFault() == null && answeredInTime(event))
                .map(event -> read(event.getRequest().getBodyAsString())).toList();
    }

    private static boolean answeredInTime(ServeEvent event) {
        Integer delay = event.getResponseDefinition().getFixedDelayMilliseconds();
        return delay == null || delay < TIMEOUT_MILLIS;
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("the hub sent a body that is not JSON: " + body, e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
