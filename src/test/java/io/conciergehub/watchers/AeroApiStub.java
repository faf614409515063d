package io.conciergehub.watchers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.conciergehub.support.TestHub;
import java.time.Instant;
import java.util.List;

/**
 * FlightAware AeroAPI's {@code GET /flights/{ident}} as ../shared/reference/apis.md shows it: the
 * test says what each flight's answer is now, the stub counts the questions.
 */
final class AeroApiStub implements AutoCloseable {

    static final String API_KEY = "aeroapi-key-5f1e0c";

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

    AeroApiStub() {
        server.start();
    }

    /** The hub's flights route against this stub, every second, with its journey off. */
    TestHub.Builder configure(TestHub.Builder hub) {
        return hub.property("flightaware.base-url", server.baseUrl()).property("flightaware.api-key", API_KEY)
                .property("flightaware.cron", "* * * * * ?").property("flightaware.retry-delay", "100ms")
                .property("journey.welcome.enabled", "false").property("journey.pre-arrival.enabled", "false")
                .property("journey.check-out.enabled", "false");
    }

    /** From now on the flight's answer is these entries (see {@link #leg}). */
    void answer(String ident, String... legs) {
        server.stubFor(get(urlPathEqualTo("/flights/" + ident)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"links\":null,\"num_pages\":1,\"flights\":[" + String.join(",", legs) + "]}")));
    }

    /** The flight's first question fails with {@code status}; the next ones get these entries. */
    void failsOnceThenAnswers(String ident, int status, String... legs) {
        String scenario = "first-" + ident;
        server.stubFor(get(urlPathEqualTo("/flights/" + ident)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(status)).willSetStateTo("answering"));
        server.stubFor(get(urlPathEqualTo("/flights/" + ident)).inScenario(scenario).whenScenarioStateIs("answering")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"links\":null,\"num_pages\":1,\"flights\":[" + String.join(",", legs) + "]}")));
    }

    /** Every question about the flight is refused with {@code status}. */
    void refuses(String ident, int status) {
        server.stubFor(get(urlPathEqualTo("/flights/" + ident)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"title\":\"refused\"}")));
    }

    /** How many times the flight was asked about. */
    int questions(String ident) {
        return server.findAll(getRequestedFor(urlPathEqualTo("/flights/" + ident))).size();
    }

    List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests(String ident) {
        return server.findAll(getRequestedFor(urlPathEqualTo("/flights/" + ident)));
    }

    /**
     * One entry of the answer: a flight scheduled at the gate at {@code scheduledIn}, now expected
     * at {@code estimatedIn}, bound for Rome Fiumicino (FCO, LIRF) unless {@code destinationIata} says otherwise.
     */
    static String leg(String ident, String faFlightId, String destinationIata, String destinationIcao,
            Instant scheduledIn, Instant estimatedIn, boolean cancelled, boolean diverted) {
        return """
                {"ident":"%s","ident_iata":"%s","fa_flight_id":"%s","operator":"AZA","status":"En Route",
                 "cancelled":%s,"diverted":%s,"origin":{"code":"EGLL","code_icao":"EGLL","code_iata":"LHR"},
                 "destination":{"code":"%s","code_icao":"%s","code_iata":"%s","timezone":"Europe/Rome"},
                 "arrival_delay":%d,"scheduled_out":"%s","scheduled_on":"%s","estimated_on":"%s","actual_on":null,
                 "scheduled_in":"%s","estimated_in":"%s","actual_in":null}"""
                .formatted(ident, ident, faFlightId, cancelled, diverted, destinationIcao, destinationIcao,
                        destinationIata, estimatedIn.getEpochSecond() - scheduledIn.getEpochSecond(),
                        scheduledIn.minusSeconds(3 * 3600), scheduledIn.minusSeconds(600),
                        estimatedIn.minusSeconds(600), scheduledIn, estimatedIn);
    }

    static String toRome(String ident, Instant scheduledIn, Instant estimatedIn) {
        return leg(ident, ident + "-1773000000-schedule-0001", "FCO", "LIRF", scheduledIn, estimatedIn, false, false);
    }

    @Override
    public void close() {
        server.stop();
    }
}
