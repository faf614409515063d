package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SlackStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A staff alert says what the guest sent. A photo, a voice note or a location (a message without
 * text) is named for what it is, not quoted as an empty text. A text is quoted as the guest wrote
 * it, and Slack's markup in it (a mention of the whole channel, a link under a label of the guest's
 * choosing) is escaped the way Slack asks: shown, never obeyed.
 */
class AnAlertQuotesWhatTheGuestSentAndObeysNoneOfItTest {

    @RegisterExtension
    @Order(1)
    static final SlackStub slack = new SlackStub();

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(slack::configure);

    @Test
    void staffAreToldTheGuestSentSomethingOtherThanText() throws Exception {
        slack.answers(200);
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+393351160001", "")).statusCode()).isEqualTo(200);

        String alert = await().atMost(Duration.ofSeconds(10)).until(() -> slack.texts().stream()
                .filter(text -> text.contains("something other than text")).findFirst(), found -> found.isPresent())
                .orElseThrow();
        assertThat(alert).contains("needs staff").doesNotContain("They wrote", "\"\"");
        assertThat(env.hub().postApi("/api/mesh/guests/query", TestHub.API_KEY, "{\"phone\":\"+393351160001\"}")
                .body()).contains("\"needsAttention\":true");
    }

    @Test
    void aMentionAndALabelledLinkReachSlackEscaped() throws Exception {
        slack.answers(200);
        String message = "<!channel> please help <https://evil.example/login|Booking.com: verify> & more";
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+393351160002", message)).statusCode()).isEqualTo(200);

        String alert = await().atMost(Duration.ofSeconds(10)).until(() -> slack.texts().stream()
                .filter(text -> text.contains("please help")).findFirst(), found -> found.isPresent()).orElseThrow();
        assertThat(alert).contains(
                "&lt;!channel&gt; please help &lt;https://evil.example/login|Booking.com: verify&gt; &amp; more");
        assertThat(slack.posts()).noneSatisfy(post -> assertThat(post.getBodyAsString()).contains("<!channel>"));
    }
}
