package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refresh gives a new session token and a new refresh token; the old refresh token stops
 * working. Presented again (a stolen copy), it ends the whole session: the thief's and the owner's,
 * however many times the thief refreshed in between.
 */
class ARefreshRotatesTheRefreshTokenTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void aRefreshRotatesAndAReusedTokenEndsTheSession() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "sara", "staff");
        ConsoleBrowser owner = new ConsoleBrowser(env.hub()).loggedInAs("sara");
        String firstRefresh = owner.cookie("console_refresh", "/console/session");

        HttpResponse<String> refreshed = owner.send("POST", "/console/session/refresh", null);

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(ConsoleBrowser.json(refreshed).path("name").asText()).isEqualTo("sara");
        String secondRefresh = owner.cookie("console_refresh", "/console/session");
        assertThat(secondRefresh).isNotBlank().isNotEqualTo(firstRefresh);
        assertThat(owner.get("/api/console/me").statusCode()).isEqualTo(200);

        ConsoleBrowser thief = new ConsoleBrowser(env.hub());
        thief.cookie("console_refresh", "/console/session", firstRefresh);
        assertThat(thief.send("POST", "/console/session/refresh", null).statusCode()).as("the replaced token")
                .isEqualTo(401);

        assertThat(owner.send("POST", "/console/session/refresh", null).statusCode())
                .as("a reused token revoked the session").isEqualTo(401);
        assertThat(owner.get("/api/console/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aThiefWhoRefreshedTwiceLosesTheSessionWhenTheOwnersTokenComesBack() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "tina", "staff");
        ConsoleBrowser owner = new ConsoleBrowser(env.hub()).loggedInAs("tina");
        ConsoleBrowser thief = new ConsoleBrowser(env.hub());
        thief.cookie("console_refresh", "/console/session", owner.cookie("console_refresh", "/console/session"));

        assertThat(thief.send("POST", "/console/session/refresh", null).statusCode()).isEqualTo(200);
        assertThat(thief.send("POST", "/console/session/refresh", null).statusCode()).isEqualTo(200);
        assertThat(owner.send("POST", "/console/session/refresh", null).statusCode())
                .as("the owner's token, two refreshes behind").isEqualTo(401);

        assertThat(thief.send("POST", "/console/session/refresh", null).statusCode())
                .as("the thief's newest token").isEqualTo(401);
        assertThat(thief.get("/api/console/me").statusCode()).isEqualTo(401);
    }
}
