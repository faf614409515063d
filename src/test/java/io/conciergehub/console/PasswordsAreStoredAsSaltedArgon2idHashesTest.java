package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database holds an account's password as an Argon2id hash (PHC string, with its parameters)
 * with a salt of its own, never the password: two accounts with the same password have different
 * hashes. A password reset replaces the hash.
 */
class PasswordsAreStoredAsSaltedArgon2idHashesTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void theDatabaseHoldsSaltedArgon2idHashes() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "one", "staff");
        ConsoleBrowser.createAccount(env.hub(), "two", "staff");

        String first = env.hub().text("SELECT password_hash FROM staff_accounts WHERE name = 'one'");
        String second = env.hub().text("SELECT password_hash FROM staff_accounts WHERE name = 'two'");

        assertThat(first).matches("\\$argon2id\\$v=19\\$m=32768,t=3,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .doesNotContain(ConsoleBrowser.PASSWORD);
        assertThat(second).startsWith("$argon2id$").isNotEqualTo(first);
        assertThat(env.hub().count("SELECT COUNT(*) FROM staff_accounts WHERE password_hash LIKE '%staple%'")).isZero();

        assertThat(env.hub().postApi("/api/console/staff/one/password", TestHub.API_KEY,
                "{\"password\":\"a brand new passphrase\"}").statusCode()).isEqualTo(200);
        assertThat(env.hub().text("SELECT password_hash FROM staff_accounts WHERE name = 'one'")).startsWith("$argon2id$")
                .isNotEqualTo(first);
        assertThat(new ConsoleBrowser(env.hub()).login("one", "a brand new passphrase").statusCode()).isEqualTo(200);
    }
}
