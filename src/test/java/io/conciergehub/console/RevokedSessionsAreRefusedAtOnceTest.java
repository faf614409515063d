package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session ends at once, its refresh token and its JWT refused: at logout (this browser only),
 * at "log out everywhere" (every browser of the account), and when an admin disables the account.
 */
class RevokedSessionsAreRefusedAtOnceTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void logoutEndsThisBrowsersSessionOnly() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "elena", "staff");
        ConsoleBrowser desk = new ConsoleBrowser(env.hub()).loggedInAs("elena");
        ConsoleBrowser phone = new ConsoleBrowser(env.hub()).loggedInAs("elena");
        ConsoleBrowser copy = copyOf(desk);

        assertThat(desk.send("DELETE", "/console/session", null).statusCode()).isEqualTo(200);

        assertThat(desk.cookie("console_session", "/api/console")).as("the cookies are cleared").isNull();
        assertThat(copy.get("/api/console/me").statusCode()).as("the old JWT").isEqualTo(401);
        assertThat(copy.send("POST", "/console/session/refresh", null).statusCode()).as("the old refresh token")
                .isEqualTo(401);
        assertThat(phone.get("/api/console/me").statusCode()).as("another browser").isEqualTo(200);
    }

    @Test
    void logoutEverywhereEndsEverySessionOfTheAccount() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "fabio", "staff");
        ConsoleBrowser desk = new ConsoleBrowser(env.hub()).loggedInAs("fabio");
        ConsoleBrowser phone = new ConsoleBrowser(env.hub()).loggedInAs("fabio");
        ConsoleBrowser deskCopy = copyOf(desk);

        assertThat(phone.send("POST", "/console/session/logout-everywhere", null).statusCode()).isEqualTo(200);

        for (ConsoleBrowser browser : new ConsoleBrowser[] {desk, deskCopy}) {
            assertThat(browser.get("/api/console/me").statusCode()).isEqualTo(401);
            assertThat(browser.send("POST", "/console/session/refresh", null).statusCode()).isEqualTo(401);
        }
        assertThat(env.hub().count("SELECT COUNT(*) FROM audit WHERE action = 'console.logout-everywhere'"
                + " AND key_id = 'staff:fabio' AND reference = 'staff:fabio'")).isEqualTo(1);
    }

    @Test
    void aDisabledAccountsSessionsEndAtOnce() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "gino", "staff");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub()).loggedInAs("gino");
        ConsoleBrowser copy = copyOf(browser);

        assertThat(env.hub().postApi("/api/console/staff/gino/disable", TestHub.API_KEY, "{}").statusCode())
                .isEqualTo(200);

        assertThat(browser.get("/api/console/me").statusCode()).as("the JWT, within its TTL").isEqualTo(401);
        assertThat(copy.send("POST", "/console/session/refresh", null).statusCode()).isEqualTo(401);
    }

    private static ConsoleBrowser copyOf(ConsoleBrowser browser) {
        ConsoleBrowser copy = new ConsoleBrowser(env.hub());
        for (String path : new String[] {"/console", "/api/console"}) {
            copy.cookie("console_session", path, browser.cookie("console_session", path));
        }
        copy.cookie("console_refresh", "/console/session", browser.cookie("console_refresh", "/console/session"));
        return copy;
    }
}
