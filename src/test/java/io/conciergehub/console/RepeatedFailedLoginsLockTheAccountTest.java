package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After console.lockout-after failed logins in a row an account is locked for
 * console.lockout-duration: even the right password is answered 429 with Retry-After, until the
 * cool-down is over or an admin enables the account. A name no account has is locked the same way.
 */
class RepeatedFailedLoginsLockTheAccountTest {

    static final TestClock CLOCK = TestClock.at(LocalDateTime.of(2026, 12, 2, 10, 0));

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.clock(CLOCK)
            .property("console.lockout-after", "3").property("console.lockout-duration", "15m")
            .property("console.login-account-rate-limit", "1000"));

    @Test
    void anAccountIsLockedAfterRepeatedFailuresForTheCoolDown() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "lucia", "staff");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub());

        for (int i = 0; i < 3; i++) {
            assertThat(browser.login("lucia", "a wrong password " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = browser.login("lucia", ConsoleBrowser.PASSWORD);

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
        assertThat(env.hub().text("SELECT locked_until IS NOT NULL FROM staff_accounts WHERE name = 'lucia'"))
                .isEqualTo("1");

        CLOCK.advance(Duration.ofMinutes(16));
        assertThat(browser.login("lucia", ConsoleBrowser.PASSWORD).statusCode()).as("after the cool-down")
                .isEqualTo(200);
    }

    @Test
    void anAdminLiftsALockOutByEnablingTheAccount() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "paolo", "staff");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub());
        for (int i = 0; i < 3; i++) {
            browser.login("paolo", "a wrong password " + i);
        }
        assertThat(browser.login("paolo", ConsoleBrowser.PASSWORD).statusCode()).isEqualTo(429);

        assertThat(env.hub().postApi("/api/console/staff/paolo/enable", TestHub.API_KEY, "{}").statusCode())
                .isEqualTo(200);

        assertThat(browser.login("paolo", ConsoleBrowser.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aNameNoAccountHasIsLockedTheSameWay() throws Exception {
        ConsoleBrowser browser = new ConsoleBrowser(env.hub());

        for (int i = 0; i < 3; i++) {
            assertThat(browser.login("ghost", "a wrong password " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = browser.login("ghost", "a wrong password 4");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }
}
