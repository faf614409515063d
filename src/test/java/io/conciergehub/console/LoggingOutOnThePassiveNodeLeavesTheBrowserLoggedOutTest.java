package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * On a passive node a logout cannot end the session (the active node's database holds it), but it
 * clears the browser's cookies: the next person at a shared reception computer who reloads the
 * page meets the login form, not the previous staff member's session.
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class LoggingOutOnThePassiveNodeLeavesTheBrowserLoggedOutTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys().standbyOfAnAbsentPrimary());

    static String jwt;

    @BeforeAll
    static void aReplicatedSession() {
        jwt = ConsoleBrowser.replicatedSession(env.hub(), "ugo");
    }

    @Test
    void theNextReloadShowsTheLoginForm() {
        try (ConsolePage page = new ConsolePage().openWithSession(env.hub().url(""), jwt)) {
            page.find(By.id("logout")).click();
            page.find(By.id("login-form"));
            page.browser().navigate().refresh();

            assertThat(page.find(By.id("login-name")).isDisplayed()).isTrue();
            assertThat(page.browser().findElement(By.id("app")).isDisplayed()).isFalse();
            assertThat(page.browser().manage().getCookieNamed(ConsoleCookies.SESSION)).isNull();
        }
    }
}
