package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A wrong password is refused with 401, with the very answer a name no account has gets, after
 * the same Argon2id work (an unknown name is not answered faster), and a disabled account's right
 * password is answered the same: the login never tells which names exist.
 */
class AWrongPasswordIsAnsweredLikeAnUnknownNameTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub
            .property("console.login-account-rate-limit", "1000").property("console.lockout-after", "1000"));

    @Test
    void wrongPasswordAndUnknownNameGetTheSameAnswer() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "marco", "staff");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub());

        HttpResponse<String> wrong = browser.login("marco", "not the password at all");
        HttpResponse<String> unknown = browser.login("nobody", "not the password at all");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(wrong.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(wrong.body()).doesNotContain("marco", "not the password");

        env.hub().postApi("/api/console/staff/marco/disable", io.conciergehub.support.TestHub.API_KEY, "{}");
        HttpResponse<String> disabled = browser.login("marco", ConsoleBrowser.PASSWORD);
        assertThat(disabled.statusCode()).isEqualTo(401);
        assertThat(disabled.body()).isEqualTo(wrong.body());
    }

    @Test
    void anUnknownNameTakesAsLongAsAWrongPassword() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "timed", "staff");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub());
        browser.login("timed", "warm up the hub first");
        List<Long> wrong = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();

        for (int i = 0; i < 7; i++) {
            wrong.add(timed(browser, "timed"));
            unknown.add(timed(browser, "nobody-" + i));
        }

        // Without the decoy hash an unknown name is answered in a few milliseconds, a tenth of a wrong password's time.
        assertThat(median(unknown)).as("unknown %s, wrong %s", unknown, wrong).isGreaterThan(median(wrong) / 2);
    }

    private static long timed(ConsoleBrowser browser, String name) throws Exception {
        long start = System.nanoTime();
        assertThat(browser.login(name, "not the password at all").statusCode()).isEqualTo(401);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
