package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No password (right or wrong, nor one typed into the name field), hash, session token or refresh
 * token reaches the log, while the log still says who logged in and that a login was refused.
 */
class NothingSecretOfTheConsoleReachesTheLogTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void secretsNeverReachTheLog() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "olga", "admin");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub());
        browser.login("olga", "wrong-password-xyzzy-1");
        browser.login("my-password-typed-as-name", "wrong-password-xyzzy-2");
        browser.loggedInAs("olga");
        String firstJwt = browser.cookie("console_session", "/api/console");
        String firstRefresh = browser.cookie("console_refresh", "/console/session");
        browser.send("POST", "/console/session/refresh", null);
        browser.send("POST", "/api/console/staff/olga/password", "{\"password\":\"new-password-xyzzy-3\"}");
        String hash = env.hub().text("SELECT password_hash FROM staff_accounts WHERE name = 'olga'");

        // The API's audit line is written once the answer is out: wait for it, then read the whole log.
        List<String> expected = List.of("event=console.login account=olga", "event=console.login-refused account=olga",
                "event=console.login-refused account=unknown", "key=staff:olga");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(expected).allSatisfy(line ->
                assertThat(env.hub().log().text()).contains(line)));
        String log = env.hub().log().text();

        assertThat(log).doesNotContain(ConsoleBrowser.PASSWORD, "wrong-password-xyzzy", "my-password-typed-as-name",
                "new-password-xyzzy", hash.substring(hash.lastIndexOf('$') + 1), firstJwt,
                firstJwt.substring(firstJwt.lastIndexOf('.') + 1), firstRefresh,
                browser.cookie("console_refresh", "/console/session"));
    }
}
