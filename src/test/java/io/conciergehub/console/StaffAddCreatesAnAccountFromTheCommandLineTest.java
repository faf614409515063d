package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubCommand;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code staff add <name> --role admin|staff} reads the password from standard input and creates
 * the account on a stopped hub's data directory (exit 0); the hub then logs it in. A short
 * password, a bad role or a missing argument is exit 2 with one line that never repeats the
 * password; a running hub refuses it (exit 1). {@code staff list} and {@code staff disable} work alike.
 */
class StaffAddCreatesAnAccountFromTheCommandLineTest {

    static final String LONG_PASSWORD = "front desk passphrase 42";

    @Test
    void staffAddCreatesAnAccountTheHubLogsIn() throws Exception {
        Path dataDir = Files.createTempDirectory("staff-add-");

        HubCommand.Result added = HubCommand.runWithInput(dataDir, Map.of(), LONG_PASSWORD + "\n", "staff", "add",
                "Ada", "--role", "admin");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("staff account Ada created, role admin").doesNotContain(LONG_PASSWORD);
        HubCommand.Result listed = HubCommand.run(dataDir, "staff", "list");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("Ada\tadmin\tenabled");
        try (TestHub hub = TestHub.builder().dataDir(dataDir).start()) {
            assertThat(new ConsoleBrowser(hub).login("ada", LONG_PASSWORD).statusCode()).isEqualTo(200);
            assertThat(hub.text("SELECT key_id || ' ' || action FROM audit WHERE reference = 'staff:Ada' ORDER BY id"))
                    .isEqualTo("cli console.staff.create");
            assertThat(HubCommand.run(dataDir, "staff", "list").exitCode()).as("refused while the hub runs").isEqualTo(1);
        }
        assertThat(HubCommand.run(dataDir, "staff", "disable", "ada").exitCode()).isZero();
        assertThat(HubCommand.run(dataDir, "staff", "list").out()).contains("Ada\tadmin\tdisabled");
    }

    @Test
    void badUsageIsExitTwoWithOneLine() throws Exception {
        Path dataDir = Files.createTempDirectory("staff-add-");

        HubCommand.Result shortPassword = HubCommand.runWithInput(dataDir, Map.of(), "too-short\n", "staff", "add", "bob",
                "--role", "staff");
        HubCommand.Result badRole = HubCommand.runWithInput(dataDir, Map.of(), LONG_PASSWORD + "\n", "staff", "add",
                "bob", "--role", "owner");
        HubCommand.Result noRole = HubCommand.runWithInput(dataDir, Map.of(), LONG_PASSWORD + "\n", "staff", "add", "bob");
        HubCommand.Result noPassword = HubCommand.runWithInput(dataDir, Map.of(), "", "staff", "add", "bob", "--role",
                "staff");

        assertThat(shortPassword.exitCode()).isEqualTo(2);
        assertThat(shortPassword.err().strip()).isEqualTo("staff add: the password must be at least 12 characters long"
                + " (a passphrase of a few words is best)");
        assertThat(badRole.exitCode()).isEqualTo(2);
        assertThat(badRole.err().strip()).isEqualTo("staff add: --role must be admin or staff");
        assertThat(noRole.exitCode()).isEqualTo(2);
        assertThat(noRole.err().strip().lines()).hasSize(1).first().asString().startsWith("usage: ");
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noPassword.err().strip().lines()).hasSize(1);
        assertThat(shortPassword.err() + badRole.err() + shortPassword.out()).doesNotContain("too-short", LONG_PASSWORD);
        assertThat(dataDir.resolve("hub.db")).as("nothing was created").doesNotExist();
    }
}
