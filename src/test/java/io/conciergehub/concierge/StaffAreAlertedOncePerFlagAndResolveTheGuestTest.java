package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SlackStub;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The staff hand-off end to end: a guest the hub cannot help is flagged; staff are told once per
 * flag in Slack and by e-mail (first name, language, question, never the phone number); they find
 * the guest by needsAttention, read the conversation, resolve the guest: the flag is cleared and audited.
 */
class StaffAreAlertedOncePerFlagAndResolveTheGuestTest {

    static final String PHONE = "+393351140001";
    static final String QUESTION = "Vorrei prenotare un massaggio domani pomeriggio";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("hub", "smtp-secret"))
            .withPerMethodLifecycle(false);

    @RegisterExtension
    @Order(2)
    static final SlackStub slack = new SlackStub();

    @RegisterExtension
    @Order(3)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> slack.configure(hub.scopedKeys())
            .property("alerts.email-to", "reception@hotel.example")
            .property("smtp.host", "127.0.0.1")
            .property("smtp.port", String.valueOf(smtp.getSmtp().getPort()))
            .property("smtp.username", "hub")
            .property("smtp.password", "smtp-secret"));

    @Test
    void staffAreToldOnceFindTheGuestReadTheConversationAndResolveIt() throws Exception {
        slack.answers(200);
        assertThat(env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY, "{\"bookings\":[{\"externalId\":\"S-1\","
                + "\"source\":\"airbnb\",\"guestName\":\"Maria Rossi\",\"phone\":\"" + PHONE + "\"}]}").statusCode())
                .isEqualTo(200);

        writes(QUESTION);
        writes("Avete anche una piscina coperta?");

        // One alert per flag, not per message: the second question finds the guest flagged already.
        awaitAlertsDelivered();
        assertThat(slackAlerts()).hasSize(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(env.hub().get("/health", "X-API-Key", TestHub.API_KEY).body())
                .contains("\"staffAlerts\":[\"slack\",\"email\"]", "\"staffAlertsPending\":0");
        String slackText = JSON.readTree(slackAlerts().get(0).getBodyAsString()).path("text").asText();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        String mailText = GreenMailUtil.getBody(mail);
        assertThat(List.of(slackText, mailText)).allSatisfy(text -> assertThat(text)
                .contains("Maria", "(it)", QUESTION).doesNotContain("Rossi", "3351140001"));
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("reception@hotel.example");
        assertThat(mail.getSubject()).startsWith("Maria (it) needs staff").doesNotContain("3351140001");

        JsonNode flagged = body(env.hub().postApi("/api/mesh/guests/query", TestHub.READ_KEY,
                "{\"needsAttention\":true}")).path("guests");
        assertThat(flagged).hasSize(1);
        long guestId = flagged.get(0).path("id").asLong();
        assertThat(flagged.get(0).path("attentionReason").asText()).isEqualTo("not_understood");

        JsonNode history = body(env.hub().getApi("/api/mesh/guests/" + guestId + "/messages", TestHub.READ_KEY));
        assertThat(history.path("messages").get(0).path("text").asText()).isEqualTo(QUESTION);
        assertThat(history.path("messages")).hasSize(4);

        String command = body(env.hub().postApi("/api/mesh/commands", TestHub.COMMANDS_KEY,
                "{\"action\":\"RESOLVE_GUEST\",\"payload\":{\"guestId\":" + guestId + "}}")).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> body(env.hub().getApi("/api/mesh/commands/" + command,
                TestHub.COMMANDS_KEY)).path("status").asText().equals("succeeded"));
        assertThat(body(env.hub().postApi("/api/mesh/guests/query", TestHub.READ_KEY, "{\"needsAttention\":true}"))
                .path("total").asInt()).isZero();
        assertThat(env.hub().text("SELECT outcome FROM audit WHERE action = 'RESOLVE_GUEST' AND reference = 'guest:"
                + guestId + "'")).isEqualTo("resolved");

        // A new flag after the hand-off is a new alert.
        writes("Mi serve di nuovo aiuto con il massaggio, grazie");
        awaitAlertsDelivered();
        assertThat(slackAlerts()).hasSize(2);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    private static void awaitAlertsDelivered() {
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM staff_alerts"
                + " WHERE slack_pending = 1 OR email_pending = 1") == 0);
    }

    private static void writes(String text) throws Exception {
        int answered = OutboundLog.to(env.hub(), PHONE).size();
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound(PHONE, text)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundLog.to(env.hub(), PHONE).size() > answered);
    }

    private static List<LoggedRequest> slackAlerts() {
        return slack.posts();
    }

    private static JsonNode body(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body());
    }
}
