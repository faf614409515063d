package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.LinkProxy;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real browser: a page left open past its session token's 15 minutes loses its connection;
 * the hub refuses the expired token at the reconnection, the page refreshes its session once (the
 * refresh token rotates; the session is not revoked) and is live again, hearing the next message.
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class APageOpenLongerThanItsSessionTokenStaysLiveTest {

    static final TestClock CLOCK = TestClock.at(LocalDateTime.of(2026, 12, 2, 9, 0));

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.clock(CLOCK));

    @Test
    void theReconnectionRefreshesTheSessionOnce() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "xenia", "staff");
        try (LinkProxy link = new LinkProxy(env.hub().port());
                ConsolePage page = new ConsolePage().openAndLogIn("http://127.0.0.1:" + link.port(), "xenia")) {
            try {
                CLOCK.advance(Duration.ofMinutes(16));
                link.cut();
                new WebDriverWait(page.browser(), Duration.ofSeconds(10))
                        .until(ExpectedConditions.attributeContains(By.id("live"), "class", "off"));
                link.restore();

                page.waitUntilLive();
                Webhooks.guestWritesOnSpoki(env.hub(), CLOCK, "+393331160001", "Still there?");
                page.find(page.activity(Long.parseLong(env.hub().text("SELECT MAX(guest_id) FROM messages")), "message"));
                assertThat(env.hub().count("SELECT COUNT(*) FROM staff_sessions WHERE revoked_at IS NULL")).isEqualTo(1);
                assertThat(env.hub().count("SELECT COUNT(*) FROM staff_sessions WHERE previous_hash IS NOT NULL"))
                        .as("refreshed").isEqualTo(1);
            } catch (Throwable failed) {
                page.screenshot("console-expired-failure.png");
                throw failed;
            }
        }
    }
}
