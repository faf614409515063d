package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A staff member logs in with name and password: the answer names the account and its role, the
 * tokens are in cookies only, and the session's cookie is enough for the console API
 * ({@code GET /api/console/me}), which a request without it is refused.
 */
class ALoggedInStaffMemberIsKnownToTheConsoleApiTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void loginOpensASessionTheConsoleApiKnows() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "Giulia", "staff");
        ConsoleBrowser browser = new ConsoleBrowser(env.hub());

        HttpResponse<String> login = browser.login("giulia", ConsoleBrowser.PASSWORD);

        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode answer = ConsoleBrowser.json(login);
        assertThat(answer.path("name").asText()).as("names are matched whatever their case").isEqualTo("Giulia");
        assertThat(answer.path("role").asText()).isEqualTo("staff");
        String jwt = browser.cookie("console_session", "/api/console");
        assertThat(jwt).as("the session token is a cookie for the console API").isNotBlank();
        assertThat(login.body()).doesNotContain(jwt, browser.cookie("console_refresh", "/console/session"));

        HttpResponse<String> me = browser.get("/api/console/me");

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(ConsoleBrowser.json(me).path("name").asText()).isEqualTo("Giulia");
        assertThat(ConsoleBrowser.json(me).path("role").asText()).isEqualTo("staff");
        assertThat(ConsoleBrowser.json(me).path("scopes").toString()).isEqualTo("[\"commands\",\"read\"]");
        assertThat(new ConsoleBrowser(env.hub()).get("/api/console/me").statusCode()).as("no session").isEqualTo(401);
    }
}
