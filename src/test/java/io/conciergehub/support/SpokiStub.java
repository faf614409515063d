package io.conciergehub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Spoki's send API on loopback (WireMock), answering as shared/reference/apis.md describes:
 * {@code POST /api/1/messages/send/} → {@code 200 {"accepted": true, "id": …, "uuid": …}}.
 */
public final class SpokiStub implements AutoCloseable {

    public static final String SEND_PATH = "/api/1/messages/send/";
    public static final String API_KEY = "spoki-account-key";

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    private final ObjectMapper json = new ObjectMapper();

    public SpokiStub() {
        server.start();
        answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("{\"accepted\":true,\"id\":{{randomInt lower=100000 upper=999999}},"
                        + "\"uuid\":\"out-{{randomValue type='UUID'}}\"}"));
    }

    /** Replaces the answer to every send. */
    public SpokiStub answer(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo(SEND_PATH)).willReturn(response));
        return this;
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl() + "/api/1";
    }

    /** Properties pointing a hub at this stub. */
    public TestHub.Builder configure(TestHub.Builder hub) {
        return hub.property("messaging.provider", "spoki").property("spoki.base-url", baseUrl())
                .property("spoki.api-key", API_KEY);
    }

    public List<LoggedRequest> sends() {
        return server.findAll(postRequestedFor(urlEqualTo(SEND_PATH)));
    }

    public List<JsonNode> sentBodies() {
        return sends().stream().map(r -> {
            try {
                return json.readTree(r.getBodyAsString());
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    public long sentTo(String phone) {
        return sentBodies().stream().filter(b -> phone.equals(b.path("phone").asText())).count();
    }

    /** When the stub received each send to this phone, oldest first. */
    public List<java.time.Instant> sendTimesTo(String phone) {
        return sends().stream().filter(r -> {
            try {
                return phone.equals(json.readTree(r.getBodyAsString()).path("phone").asText());
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }).map(r -> r.getLoggedDate().toInstant()).sorted().toList();
    }

    /** The texts sent to this phone, in the order the stub received them. */
    public List<String> textsTo(String phone) {
        return sentBodies().stream().filter(b -> phone.equals(b.path("phone").asText()))
                .map(b -> b.path("text").asText()).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
