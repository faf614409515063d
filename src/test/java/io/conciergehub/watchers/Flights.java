package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the flight tests share: guests booked on a flight through the mesh API, what they were sent. */
final class Flights {

    private Flights() {
    }

    /**
     * A hub watching flights on the test's clock, asking AeroAPI at every poll (no answer kept) and
     * finding the guests' legs at Fiumicino.
     */
    static TestHub.Builder askedAtEveryPoll(TestHub.Builder hub, AeroApiStub aeroapi, TestClock clock) {
        return aeroapi.configure(hub.clock(clock)).property("flights.answer-cache", "0s")
                .property("flights.far-answer-cache", "0s").property("flights.airports", "FCO, LIRA");
    }

    /** AeroAPI answers that the flight, scheduled into Rome at {@code scheduled}, lands {@code delay} late. */
    static void delayed(AeroApiStub aeroapi, String ident, Instant scheduled, Duration delay) {
        aeroapi.answer(ident, AeroApiStub.toRome(ident, scheduled, scheduled.plus(delay)));
    }

    static void book(TestHub hub, String externalId, String name, String phone, String language, String arrival,
            String flight) throws Exception {
        sync(hub, "{\"externalId\":\"" + externalId + "\",\"source\":\"direct\",\"guestName\":\"" + name + "\","
                + "\"phone\":\"" + phone + "\",\"language\":\"" + language + "\",\"arrival\":\"" + arrival + "\""
                + (flight == null ? "" : ",\"flightNumber\":\"" + flight + "\"") + "}");
    }

    /** One booking through the sync API, which must merge it. */
    static void sync(TestHub hub, String booking) throws Exception {
        HttpResponse<String> answer = hub.postApi("/api/mesh/sync/bookings", TestHub.API_KEY,
                "{\"bookings\":[" + booking + "]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"merged\":1");
    }

    static void guestWrites(TestHub hub, TestClock clock, String phone, String text) throws Exception {
        Webhooks.guestWritesOnSpoki(hub, clock, phone, text);
    }

    /** Runs a mesh command to its end, as an outside system does; its final status. */
    static String command(TestHub hub, String command) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String id = json.readTree(hub.postApi("/api/mesh/commands", TestHub.API_KEY, command).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> !status(hub, json, id).matches("queued|running"));
        return status(hub, json, id);
    }

    private static String status(TestHub hub, ObjectMapper json, String id) throws Exception {
        return json.readTree(hub.getApi("/api/mesh/commands/" + id, TestHub.API_KEY).body()).path("status").asText();
    }

    /**
     * Waits until AeroAPI was asked about the flight {@code times} times in all, and the hub has
     * taken the answer in (it charges each call as it keeps the answer; all flights' calls, so the
     * test asks about one), before the clock moves on.
     */
    static void asked(TestHub hub, AeroApiStub aeroapi, String ident, int times) {
        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions(ident) == times);
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.count("SELECT COALESCE(SUM(calls), 0) FROM cost_days"
                + " WHERE item = 'flightaware'") == times);
    }

    /** A hub whose circuit breaker flightaware opens once two questions failed, for an hour. */
    static HubUnderTest hubWhoseCircuitOpensAfterTwoQuestions(TestClock clock, AeroApiStub aeroapi) {
        return HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
                .property("flightaware.circuit.minimum-calls", "2").property("flightaware.circuit.window-size", "2")
                .property("flightaware.circuit.open-duration", "1h"));
    }

    /** Waits until /health says circuit breaker flightaware is open. */
    static void circuitOpens(TestHub hub) {
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.get("/health", "X-API-Key", TestHub.API_KEY)
                .body().contains("\"flightaware\":\"OPEN\""));
    }

    /** AeroAPI is asked nothing more about the flight for a few seconds of polls (every second). */
    static void stillAsked(AeroApiStub aeroapi, String ident, int times) {
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> aeroapi.questions(ident) == times);
    }

    /**
     * The free texts sent to the phone that contain {@code words}: the watchers' notices when the
     * words are the flight, or an alert's event ("warning"); the concierge's answers have neither.
     */
    static List<String> notices(SpokiStub spoki, String phone, String words) {
        return spoki.textsTo(phone).stream().filter(text -> text.contains(words)).toList();
    }

    /** The templates sent to the phone, oldest first. */
    static List<JsonNode> templates(SpokiStub spoki, String phone) {
        return spoki.sentBodies().stream().filter(b -> phone.equals(b.path("phone").asText()))
                .filter(b -> "Template".equals(b.path("type").asText())).toList();
    }
}
