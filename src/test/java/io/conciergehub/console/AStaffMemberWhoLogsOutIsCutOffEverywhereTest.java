package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.LiveClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * In a real browser: Log out ends the session. The page returns to its login form and its live
 * feed closes; the session token it had, replayed from a copy, is refused by the console's API and
 * by the live feed, and a feed another copy still had open is closed at the next heartbeat.
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class AStaffMemberWhoLogsOutIsCutOffEverywhereTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("console.live-heartbeat", "1s"));

    @Test
    void theOldTokenIsRefusedAfterLogOut() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "walter", "staff");
        try (ConsolePage page = new ConsolePage().openAndLogIn(env.hub().url(""), "walter")) {
            String jwt = page.browser().manage().getCookieNamed(ConsoleCookies.SESSION).getValue();
            String cookie = ConsoleCookies.SESSION + "=" + jwt;
            try (LiveClient copy = LiveClient.open(env.hub(), "Cookie", cookie)) {
                page.find(By.id("logout")).click();

                page.find(By.id("login-form"));
                assertThat(page.find(By.id("live")).getAttribute("class")).contains("off");
                assertThat(env.hub().get("/api/console/me", "Cookie", cookie).statusCode()).isEqualTo(401);
                assertThat(LiveClient.refusal(env.hub(), "Cookie", cookie)).isEqualTo(401);
                await().atMost(Duration.ofSeconds(5)).until(() -> copy.closeCode() != null);
                assertThat(copy.closeCode()).isEqualTo(4401);
            } catch (Throwable failed) {
                page.screenshot("console-logout-failure.png");
                throw failed;
            }
        }
    }
}
