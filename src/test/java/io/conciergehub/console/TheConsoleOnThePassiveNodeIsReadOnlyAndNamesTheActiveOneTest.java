package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.LiveClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * On a passive node (a standby whose primary is away) the live feed says so and names the active
 * node, and the page shows a banner naming it, with every action that would change something
 * disabled. The staff member's account and session are the ones replication brought from the
 * primary: here written into the standby's database directly, as the change log would.
 */
class TheConsoleOnThePassiveNodeIsReadOnlyAndNamesTheActiveOneTest {

    static final String PRIMARY = "http://127.0.0.1:9";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys().standbyOfAnAbsentPrimary());

    static String jwt;

    @BeforeAll
    static void aReplicatedSession() {
        jwt = ConsoleBrowser.replicatedSession(env.hub(), "ugo");
    }

    @Test
    void theFeedSaysPassiveAndNamesThePrimary() throws Exception {
        try (LiveClient live = LiveClient.open(env.hub(), "Cookie", ConsoleCookies.SESSION + "=" + jwt)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !live.frames("node").isEmpty());
            JsonNode node = live.frames("node").get(0);
            assertThat(node.path("role").asText()).isEqualTo("passive");
            assertThat(node.path("peer").asText()).isEqualTo(PRIMARY);
        }
    }

    @Test
    @EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
            disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    void thePageShowsABannerAndChangesNothing() {
        try (ConsolePage page = new ConsolePage("de-DE", 390, 844)) {
            page.openWithSession(env.hub().url(""), jwt);

            WebElement banner = page.find(By.id("banner"));
            assertThat(banner.getText()).contains("Standby", PRIMARY);
            assertThat(page.all(By.cssSelector("button.writes"))).isNotEmpty().allSatisfy(button ->
                    assertThat(button.isEnabled()).isFalse());
            page.screenshot("console-passive-phone.png");
        }
    }
}
