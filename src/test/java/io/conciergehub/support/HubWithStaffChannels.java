package io.conciergehub.support;


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

    private final UnaryOperator<TestHub.Builder> settings;
    private GreenMail smtp;
    private SlackStub slack;
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
        slack = new SlackStub();
        slack.beforeAll(context);
        slack.answers(200);
        hub = settings.apply(slack.configure(TestHub.builder()).property("alerts.email-to", STAFF)
                .property("smtp.host", "127.0.0.1").property("smtp.port", String.valueOf(smtp.getSmtp().getPort()))
                .property("smtp.username", "hub").property("smtp.password", "smtp-secret")).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (hub != null) {
            hub.close();
        }
        slack.afterAll(context);
        smtp.stop();
    }

    public TestHub hub() {
        return hub;
    }

    /** The texts Slack received, oldest first. */
    public List<String> slackTexts() {
        return slack.texts();
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
