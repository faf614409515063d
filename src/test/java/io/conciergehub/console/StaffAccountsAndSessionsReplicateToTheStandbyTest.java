package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Staff accounts and their sessions are ordinary tables: an account made on the primary, its
 * session, and its disabling (the session revoked) reach the standby through the change log, so a
 * standby that takes over knows every account and which sessions still live.
 */
class StaffAccountsAndSessionsReplicateToTheStandbyTest {

    @Test
    void accountsAndSessionsReachTheStandby() throws Exception {
        try (InProcessPair pair = InProcessPair.withOneKey().awaitPaired()) {
            TestHub primary = pair.primary();
            ConsoleBrowser.createAccount(primary, "nora", "admin");
            new ConsoleBrowser(primary).loggedInAs("nora");
            String hash = primary.text("SELECT password_hash FROM staff_accounts WHERE name = 'nora'");

            await().atMost(Duration.ofSeconds(10)).until(() -> pair.standby().count(
                    "SELECT COUNT(*) FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id"
                            + " WHERE a.name = 'nora' AND s.revoked_at IS NULL") == 1);
            assertThat(pair.standby().text("SELECT password_hash FROM staff_accounts WHERE name = 'nora'"))
                    .isEqualTo(hash);

            assertThat(primary.postApi("/api/console/staff/nora/disable", TestHub.API_KEY, "{}").statusCode())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> pair.standby().count(
                    "SELECT COUNT(*) FROM staff_accounts WHERE name = 'nora' AND disabled = 1") == 1
                    && pair.standby().count("SELECT COUNT(*) FROM staff_sessions WHERE revoked_at IS NULL") == 0);
        }
    }
}
