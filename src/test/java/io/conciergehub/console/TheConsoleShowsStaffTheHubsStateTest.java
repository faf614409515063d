package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every staff member's session sees the hub's state in the operations view (role, epoch, the peer,
 * queues, circuits, dead letters); a request without a session or key is refused.
 */
class TheConsoleShowsStaffTheHubsStateTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void aStaffSessionReadsTheStateAndNoSessionReadsNothing() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "rita", "staff");
        ConsoleBrowser staff = new ConsoleBrowser(env.hub()).loggedInAs("rita");

        HttpResponse<String> answer = staff.get("/api/console/operations");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode state = ConsoleBrowser.json(answer);
        assertThat(state.path("role").asText()).isEqualTo("primary");
        assertThat(state.path("active").asBoolean()).isTrue();
        assertThat(state.path("peer").path("configured").asBoolean()).isFalse();
        assertThat(state.path("queues").has("outbox")).isTrue();
        assertThat(state.path("deadLetters").isNumber()).isTrue();
        assertThat(state.has("circuits")).isTrue();
        assertThat(staff.get("/api/console/operations/dead-letters").statusCode()).isEqualTo(200);

        assertThat(new ConsoleBrowser(env.hub()).get("/api/console/operations").statusCode()).isEqualTo(401);
    }
}
