package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inbox is behind the console gate: without a session or a key nothing is shown (401); a key
 * with the read scope reads but cannot reply (403); a session's change without the console's header
 * is refused (403, CSRF); and nothing was changed by any of them.
 */
class TheInboxNeedsASessionOrAKeyWithItsScopeTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void callersWithoutTheScopeAreRefused() throws Exception {
        long guestId = InboxGuests.writes(env.hub(), "+393351300001", InboxGuests.SPEAK_TO_SOMEONE);
        String conversation = "/api/console/conversations/" + guestId;

        assertThat(env.hub().get("/api/console/conversations").statusCode()).isEqualTo(401);
        assertThat(env.hub().get(conversation).statusCode()).isEqualTo(401);
        assertThat(env.hub().postJson(conversation + "/take", "{}").statusCode()).isEqualTo(401);
        assertThat(env.hub().getApi(conversation, TestHub.READ_KEY).statusCode()).isEqualTo(200);
        assertThat(env.hub().postJson(conversation + "/reply", "{\"text\":\"Hi\"}", "X-API-Key", TestHub.READ_KEY,
                "Idempotency-Key", "k-1").statusCode()).isEqualTo(403);
        assertThat(env.hub().postApi(conversation + "/resolve", TestHub.READ_KEY, "{}").statusCode()).isEqualTo(403);

        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");
        assertThat(anna.send("POST", conversation + "/take", "{}", false).statusCode())
                .as("without X-Console-Request").isEqualTo(403);

        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE taken_by IS NOT NULL OR resolved_at IS NOT NULL"))
                .isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM audit WHERE action LIKE 'console.inbox.%'")).isZero();
    }
}
