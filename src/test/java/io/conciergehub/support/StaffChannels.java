package io.conciergehub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.Arrays;
import java.util.List;

/**
 * The staff channels of a test: a Slack incoming webhook (WireMock, answering ok) and an SMTP server
 * (GreenMail), and the hub's alerts.* and smtp.* settings for them. Register both extensions before
 * the hub's: {@code @RegisterExtension @Order(1) static final GreenMailExtension smtp = StaffChannels.smtp();}.
 */
public final class StaffChannels {

    public static final String SLACK_PATH = "/services/T000/B000/XXXX";
    public static final String STAFF = "reception@hotel.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StaffChannels() {
    }

    public static GreenMailExtension smtp() {
        return new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("hub", "smtp-secret"))
                .withPerMethodLifecycle(false);
    }

    public static WireMockExtension slack() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    /** The hub sends its alerts to both channels, looking every 100 ms. */
    public static TestHub.Builder configure(TestHub.Builder hub, WireMockExtension slack, GreenMailExtension smtp) {
        slack.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("ok")));
        return hub.property("alerts.slack-webhook-url", slack.baseUrl() + SLACK_PATH).property("alerts.email-to", STAFF)
                .property("alerts.poll-interval", "100ms").property("smtp.host", "127.0.0.1")
                .property("smtp.port", String.valueOf(smtp.getSmtp().getPort())).property("smtp.username", "hub")
                .property("smtp.password", "smtp-secret").property("smtp.starttls", "false");
    }

    /** The texts Slack received, oldest first. */
    public static List<String> slackTexts(WireMockExtension slack) {
        return slack.findAll(postRequestedFor(urlEqualTo(SLACK_PATH))).stream().map(request -> {
            try {
                return JSON.readTree(request.getBodyAsString()).path("text").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The subjects and bodies of the mails staff received, oldest first, as "subject\nbody". */
    public static List<String> mails(GreenMailExtension smtp) {
        return Arrays.stream(smtp.getReceivedMessages()).map(mail -> {
            try {
                return mail.getSubject() + "\n" + mail.getContent();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
