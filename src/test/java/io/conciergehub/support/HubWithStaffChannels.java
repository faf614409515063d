package io.conciergehub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A hub whose staff channels are real enough to read: a Slack incoming webhook (WireMock, answering
 * ok) and an SMTP server (GreenMail), with the hub's alerts.* and smtp.* settings for them and alerts
 * looked for every 100 ms. Started once for a test class:
 * {@code @RegisterExtension static final HubWithStaffChannels env = HubWithStaffChannels.withSettings(...)}.
 */
public final class HubWithStaffChannels implements BeforeAllCallback, AfterAllCallback {

    public static final String STAFF = "reception@hotel.example";
    private static final String SLACK_PATH = "/services/T000/B000/XXXX";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UnaryOperator<TestHub.Builder> settings;
    private GreenMail smtp;
    private WireMockServer slack;
    private TestHub hub;

    private HubWithStaffChannels(UnaryOperator<TestHub.Builder> settings) {
        this.settings = settings;
    }

    /** Hub settings on top of the channels'. */
    public static HubWithStaffChannels withSettings(UnaryOperator<TestHub.Builder> settings) {
        return new HubWithStaffChannels(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("hub", "smtp-secret"));
        smtp.start();
        slack = new WireMockServer(wireMockConfig().dynamicPort());
        slack.start();
        slack.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("ok")));
        hub = settings.apply(TestHub.builder().property("alerts.slack-webhook-url", slack.baseUrl() + SLACK_PATH)
                .property("alerts.email-to", STAFF).property("alerts.poll-interval", "100ms")
                .property("smtp.host", "127.0.0.1").property("smtp.port", String.valueOf(smtp.getSmtp().getPort()))
                .property("smtp.username", "hub").property("smtp.password", "smtp-secret")).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (hub != null) {
            hub.close();
        }
        slack.stop();
        smtp.stop();
    }

    public TestHub hub() {
        return hub;
    }

    /** The texts Slack received, oldest first. */
    public List<String> slackTexts() {
        return slack.findAll(postRequestedFor(urlEqualTo(SLACK_PATH))).stream().map(request -> {
            try {
                return JSON.readTree(request.getBodyAsString()).path("text").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The mails staff received, oldest first, each as "subject\nbody". */
    public List<String> mails() {
        return Arrays.stream(smtp.getReceivedMessages()).map(mail -> {
            try {
                return mail.getSubject() + "\n" + mail.getContent();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Who the mails went to. */
    public List<String> recipients() throws Exception {
        List<String> to = new java.util.ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            Arrays.stream(mail.getAllRecipients()).forEach(address -> to.add(address.toString()));
        }
        return to;
    }
}
