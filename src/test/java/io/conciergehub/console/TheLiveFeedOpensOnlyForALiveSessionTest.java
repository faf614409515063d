package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.LiveClient;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /console/live} opens for a live console session only: without the session cookie, with
 * the cookie of a session that has ended, with an API key, or from another site's page, the
 * upgrade is refused; an open feed whose session then ends is closed (4401) at the next heartbeat.
 */
class TheLiveFeedOpensOnlyForALiveSessionTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("console.live-heartbeat", "1s"));

    @Test
    void withoutASessionTheUpgradeIsRefused() throws Exception {
        assertThat(LiveClient.refusal(env.hub())).isEqualTo(401);
        assertThat(LiveClient.refusal(env.hub(), "Cookie", "console_session=not-a-token")).isEqualTo(401);
        assertThat(LiveClient.refusal(env.hub(), "X-API-Key", TestHub.API_KEY)).as("an API key is no session")
                .isEqualTo(401);
    }

    @Test
    void aLiveSessionOpensItAndHearsTheNodesState() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "lina", "staff");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub()).loggedInAs("lina");
        try (LiveClient live = LiveClient.open(env.hub(), "Cookie", browser.cookieHeader("/console/live"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !live.frames("node").isEmpty());
            assertThat(live.frames("node").get(0).path("role").asText()).isEqualTo("active");
            await().atMost(Duration.ofSeconds(5)).until(() -> !live.frames("heartbeat").isEmpty());
        }
    }

    @Test
    void anotherSitesPageCannotOpenIt() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "mara", "staff");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub()).loggedInAs("mara");
        assertThat(LiveClient.refusal(env.hub(), "Cookie", browser.cookieHeader("/console/live"),
                "Origin", "https://evil.example")).isEqualTo(403);
    }

    @Test
    void anEndedSessionIsRefusedAndItsOpenFeedClosed() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "nico", "staff");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub()).loggedInAs("nico");
        String cookie = browser.cookieHeader("/console/live");
        try (LiveClient live = LiveClient.open(env.hub(), "Cookie", cookie)) {
            assertThat(browser.send("DELETE", "/console/session", null).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(5)).until(() -> live.closeCode() != null);
            assertThat(live.closeCode()).isEqualTo(4401);
        }
        assertThat(LiveClient.refusal(env.hub(), "Cookie", cookie)).as("the ended session's cookie").isEqualTo(401);
    }
}
