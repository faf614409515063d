package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A staff account's session holds the scopes read and commands: the admin's operations on staff
 * accounts answer it 403 and change nothing; an admin's session reaches them, and its changes are
 * audited with its name.
 */
class AStaffAccountCannotReachAdminActionsTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    static final String NEW_ACCOUNT = "{\"name\":\"intruder\",\"role\":\"admin\",\"password\":\"" + ConsoleBrowser.PASSWORD
            + "\"}";

    @Test
    void staffAreRefusedWhatAdminsMayDo() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "rita", "staff");
        ConsoleBrowser.createAccount(env.hub(), "boss", "admin");
        ConsoleBrowser staff = new ConsoleBrowser(env.hub()).loggedInAs("rita");
        ConsoleBrowser admin = new ConsoleBrowser(env.hub()).loggedInAs("boss");

        assertThat(staff.get("/api/console/staff").statusCode()).isEqualTo(403);
        assertThat(staff.send("POST", "/api/console/staff", NEW_ACCOUNT).statusCode()).isEqualTo(403);
        assertThat(staff.send("POST", "/api/console/staff/boss/disable", null).statusCode()).isEqualTo(403);
        assertThat(staff.send("POST", "/api/console/staff/boss/password",
                "{\"password\":\"another long password\"}").statusCode()).isEqualTo(403);
        assertThat(env.hub().count("SELECT COUNT(*) FROM staff_accounts WHERE name = 'intruder'")).isZero();
        assertThat(env.hub().count("SELECT disabled FROM staff_accounts WHERE name = 'boss'")).isZero();

        assertThat(admin.get("/api/console/staff").statusCode()).isEqualTo(200);
        assertThat(admin.send("POST", "/api/console/staff", NEW_ACCOUNT).statusCode()).isEqualTo(201);
        assertThat(admin.send("POST", "/api/console/staff/rita/disable", null).statusCode()).isEqualTo(200);
        assertThat(env.hub().text("SELECT group_concat(action || ' ' || reference, ',') FROM audit"
                + " WHERE key_id = 'staff:boss' AND action LIKE 'console.staff.%'"))
                .isEqualTo("console.staff.create staff:intruder,console.staff.disable staff:rita");
    }
}
