package io.conciergehub.console;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * In a real browser: the live feed's upgrade is refused and the hub, asked whether the session
 * still lives, answers 429 (the account's rate limit, reached by a busy desk). That is a passing
 * refusal, not the end of the session: the page tries again and goes live without a reload.
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class ALiveFeedRefusedForAMomentIsTriedAgainTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void thePageGoesLiveAfterARateLimitedCheck() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "dario", "staff");
        try (ConsolePage page = new ConsolePage()) {
            page.browser().get(env.hub().url("/console"));
            page.find(By.id("login-name")).sendKeys("dario");
            // The first upgrade goes to a path the hub refuses; the first question after it gets a 429.
            page.script("var RealSocket = window.WebSocket, sockets = 0, realFetch = window.fetch, asked = 0;"
                    + " window.WebSocket = function (url) {"
                    + "   return new RealSocket(sockets++ === 0 ? url.replace('/console/live', '/console/refused') : url); };"
                    + " window.fetch = function (url) {"
                    + "   if (String(url).endsWith('/api/console/me') && asked++ === 0) {"
                    + "     return Promise.resolve(new Response('{\"error\":\"rate_limited\"}', {status: 429})); }"
                    + "   return realFetch.apply(this, arguments); };");
            page.find(By.id("login-password")).sendKeys(ConsoleBrowser.PASSWORD);
            page.find(By.id("login-submit")).click();

            page.waitUntilLive();
        }
    }
}
