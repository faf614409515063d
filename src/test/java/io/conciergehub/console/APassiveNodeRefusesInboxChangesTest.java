package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * On the standby the inbox shows the conversations replicated from the active node, read-only:
 * every change (reply, take, resolve) answers 503 naming the active node and changes nothing. A login
 * there is refused too, and tells the anonymous caller neither the epoch nor the active node's address.
 */
class APassiveNodeRefusesInboxChangesTest {

    @Test
    void theStandbyShowsConversationsAndRefusesChanges() throws Exception {
        try (InProcessPair pair = InProcessPair.withOneKey().awaitPaired()) {
            long guestId = InboxGuests.writes(pair.primary(), "+393351290001", InboxGuests.SPEAK_TO_SOMEONE);
            await().atMost(Duration.ofSeconds(10)).until(() -> pair.standby().count(
                    "SELECT COUNT(*) FROM guests WHERE needs_attention = 1 AND id = " + guestId) == 1);
            // Each node of this pair signs sessions with its own generated key: an API key on the standby.
            HttpResponse<String> list = pair.standby().getApi("/api/console/conversations", TestHub.API_KEY);
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(ConsoleBrowser.json(list).path("conversations").get(0).path("needsStaff").asBoolean()).isTrue();
            assertThat(pair.standby().getApi("/api/console/conversations/" + guestId, TestHub.API_KEY).statusCode())
                    .isEqualTo(200);

            for (String change : new String[] {"reply", "take", "resolve"}) {
                HttpResponse<String> refused = pair.standby().postJson("/api/console/conversations/" + guestId + "/"
                        + change, "{\"text\":\"Hello\"}", "X-API-Key", TestHub.API_KEY, "Idempotency-Key", "k-1");
                assertThat(refused.statusCode()).as(change).isEqualTo(503);
                JsonNode body = ConsoleBrowser.json(refused);
                assertThat(body.path("error").asText()).isEqualTo("passive");
                assertThat(body.path("active").asText()).isEqualTo(pair.primary().url(""));
            }
            assertThat(pair.standby().count("SELECT COUNT(*) FROM audit WHERE action LIKE 'console.inbox.%'")).isZero();

            HttpResponse<String> login = pair.standby().postJson("/console/session",
                    "{\"name\":\"anna\",\"password\":\"wrong\"}", "X-Console-Request", "1");
            assertThat(login.statusCode()).isEqualTo(503);
            assertThat(ConsoleBrowser.json(login).has("active")).as(login.body()).isFalse();
            assertThat(login.body()).doesNotContain("epoch", pair.primary().url(""));
            assertThat(InboxGuests.take(InboxGuests.staff(pair.primary(), "anna", "staff"), guestId, "{}").statusCode())
                    .as("the active node takes it").isEqualTo(200);
        }
    }
}
