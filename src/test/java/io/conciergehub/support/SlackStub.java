package io.conciergehub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A Slack incoming webhook (WireMock on a free port) for the hub's staff alerts, registered as a
 * test class's extension before the hub: {@code @RegisterExtension @Order(1) static final SlackStub
 * slack = new SlackStub();}. What it answers is each test's: {@link #answers(int)}, or a scenario
 * on {@link #webhook()}.
 */
public final class SlackStub extends WireMockExtension {

    /** The webhook's path, as Slack gives it (/services/T…/B…/…). */
    public static final String PATH = "/services/T000/B000/XXXX";
    private static final ObjectMapper JSON = new ObjectMapper();

    public SlackStub() {
        super(WireMockExtension.extensionOptions().options(wireMockConfig().dynamicPort()));
    }

    /** The hub's alerts go to this webhook, looked for every 100 ms. */
    public TestHub.Builder configure(TestHub.Builder hub) {
        return hub.property("alerts.slack-webhook-url", baseUrl() + PATH).property("alerts.poll-interval", "100ms");
    }

    /** A request to the webhook, to stub (in scenarios, say). */
    public static MappingBuilder webhook() {
        return post(urlEqualTo(PATH));
    }

    /** Every post answered with {@code status}: Slack's "ok" for 200, an empty body otherwise. */
    public void answers(int status) {
        stubFor(webhook().willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/plain")
                .withBody(status == 200 ? "ok" : "")));
    }

    /** The posts Slack received, oldest first. */
    public List<LoggedRequest> posts() {
        return findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    /** The texts of those posts. */
    public List<String> texts() {
        return posts().stream().map(request -> {
            try {
                return JSON.readTree(request.getBodyAsString()).path("text").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
