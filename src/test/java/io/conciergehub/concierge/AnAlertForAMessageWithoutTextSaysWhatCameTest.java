package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SlackStub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A guest sends a photo, a voice note or a location (a message without text): the hub cannot
 * answer it and alerts staff, telling them what came, not quoting an empty text.
 */
class AnAlertForAMessageWithoutTextSaysWhatCameTest {

    static final String PHONE = "+393351160001";

    @RegisterExtension
    @Order(1)
    static final SlackStub slack = new SlackStub();

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(slack::configure);

    @Test
    void staffAreToldTheGuestSentSomethingOtherThanText() throws Exception {
        slack.answers(200);
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound(PHONE, "")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> slack.texts().size() == 1);
        assertThat(slack.texts().get(0)).contains("needs staff", "something other than text")
                .doesNotContain("They wrote", "\"\"");
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE needs_attention = 1")).isEqualTo(1);
    }
}
