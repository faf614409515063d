package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session token (JWT) is valid for console.session-ttl: after that the console API refuses it
 * with 401, and the page gets a new one with its refresh token while the session lasts
 * (console.refresh-ttl after the login); after that, only a new login helps.
 */
class AnExpiredSessionTokenIsRefusedTest {

    static final TestClock CLOCK = TestClock.at(LocalDateTime.of(2026, 12, 2, 9, 0));

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.clock(CLOCK)
            .property("console.session-ttl", "15m").property("console.refresh-ttl", "12h"));

    @Test
    void anExpiredTokenIsRefusedAndARefreshRenewsIt() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "anna", "staff");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub()).loggedInAs("anna");
        assertThat(browser.get("/api/console/me").statusCode()).isEqualTo(200);

        CLOCK.advance(Duration.ofMinutes(16));

        assertThat(browser.get("/api/console/me").statusCode()).as("the JWT expired").isEqualTo(401);
        assertThat(browser.send("POST", "/console/session/refresh", null).statusCode()).isEqualTo(200);
        assertThat(browser.get("/api/console/me").statusCode()).isEqualTo(200);

        CLOCK.advance(Duration.ofHours(12));

        assertThat(browser.send("POST", "/console/session/refresh", null).statusCode()).as("the session ended")
                .isEqualTo(401);
    }
}
