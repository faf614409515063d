package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CSRF: a request authenticated by the console's cookies that may change something needs the
 * header X-Console-Request: 1, which another site's form or link cannot send. Without it the
 * login, the refresh, the logout and an admin's change are refused with 403 and change nothing;
 * reading needs no header.
 */
class AChangeWithoutTheConsoleHeaderIsRefusedTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void changesWithoutTheHeaderAreRefused() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "admin1", "admin");
        ConsoleBrowser.createAccount(env.hub(), "victim", "staff");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub());

        HttpResponse<String> login = browser.send("POST", "/console/session",
                "{\"name\":\"admin1\",\"password\":\"" + ConsoleBrowser.PASSWORD + "\"}", false);
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.headers().allValues("Set-Cookie")).isEmpty();

        browser.loggedInAs("admin1");
        assertThat(browser.send("POST", "/api/console/staff/victim/disable", null, false).statusCode()).isEqualTo(403);
        assertThat(browser.send("POST", "/console/session/refresh", null, false).statusCode()).isEqualTo(403);
        assertThat(browser.send("DELETE", "/console/session", null, false).statusCode()).isEqualTo(403);
        assertThat(browser.send("POST", "/console/session/logout-everywhere", null, false).statusCode()).isEqualTo(403);

        assertThat(env.hub().count("SELECT disabled FROM staff_accounts WHERE name = 'victim'")).isZero();
        assertThat(browser.get("/api/console/staff").statusCode()).as("reading needs no header").isEqualTo(200);
        assertThat(browser.send("POST", "/api/console/staff/victim/disable", null).statusCode()).isEqualTo(200);
    }
}
