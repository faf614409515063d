package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin API ({@code /api/console/staff}, an admin-scope API key here) refuses a bad request
 * with 400 naming the field (a short password with the rule, never the password), a name taken in
 * any case with 409, an unknown account with 404; what it does is audited with the account's name
 * and the key's id. Lists never show a hash.
 */
class TheAdminApiValidatesAndAuditsStaffAccountsTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void badRequestsNameTheFieldAndChangesAreAudited() throws Exception {
        assertThat(field(create("{\"name\":\"ok\",\"role\":\"staff\",\"password\":\"short-1\"}"))).isEqualTo("password");
        assertThat(create("{\"name\":\"ok\",\"role\":\"staff\",\"password\":\"short-1\"}").body())
                .contains("at least 12 characters").doesNotContain("short-1");
        assertThat(field(create("{\"name\":\"ok\",\"role\":\"root\",\"password\":\"" + ConsoleBrowser.PASSWORD + "\"}")))
                .isEqualTo("role");
        assertThat(field(create("{\"name\":\"two words\",\"role\":\"staff\",\"password\":\"" + ConsoleBrowser.PASSWORD
                + "\"}"))).isEqualTo("name");
        assertThat(field(create("{\"role\":\"staff\",\"password\":\"" + ConsoleBrowser.PASSWORD + "\"}"))).isEqualTo("name");
        assertThat(env.hub().count("SELECT COUNT(*) FROM staff_accounts")).isZero();

        assertThat(create("{\"name\":\"Bruno\",\"role\":\"staff\",\"password\":\"" + ConsoleBrowser.PASSWORD + "\"}")
                .statusCode()).isEqualTo(201);
        assertThat(create("{\"name\":\"bruno\",\"role\":\"admin\",\"password\":\"" + ConsoleBrowser.PASSWORD + "\"}")
                .statusCode()).as("names are unique whatever their case").isEqualTo(409);
        assertThat(env.hub().postApi("/api/console/staff/nobody/disable", TestHub.API_KEY, "{}").statusCode())
                .isEqualTo(404);
        assertThat(env.hub().postApi("/api/console/staff/Bruno/disable", TestHub.API_KEY, "{}").statusCode())
                .isEqualTo(200);
        assertThat(env.hub().postApi("/api/console/staff/Bruno/disable", TestHub.READ_KEY, "{}").statusCode())
                .as("a key without the admin scope").isEqualTo(403);

        HttpResponse<String> list = env.hub().getApi("/api/console/staff", TestHub.API_KEY);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(ConsoleBrowser.json(list).path("staff").get(0).path("disabled").asBoolean()).isTrue();
        assertThat(list.body()).doesNotContain("argon2", "password");
        assertThat(env.hub().text("SELECT group_concat(action || ' ' || reference || ' ' || outcome || ' '"
                + " || length(key_id), ',') FROM audit WHERE action LIKE 'console.staff.%'"))
                .isEqualTo("console.staff.create staff:Bruno created:staff 8,console.staff.disable staff:Bruno disabled 8");
    }

    private static HttpResponse<String> create(String body) throws Exception {
        return env.hub().postApi("/api/console/staff", TestHub.API_KEY, body);
    }

    private static String field(HttpResponse<String> refused) throws Exception {
        assertThat(refused.statusCode()).isEqualTo(400);
        return ConsoleBrowser.json(refused).path("field").asText();
    }
}
