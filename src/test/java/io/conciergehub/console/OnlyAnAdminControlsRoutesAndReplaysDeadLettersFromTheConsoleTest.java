package io.conciergehub.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * From the console's operations view an admin replays a dead letter (the answer reaches the
 * provider) and suspends and resumes a route group; a staff account's session is refused both and
 * changes nothing.
 */
class OnlyAnAdminControlsRoutesAndReplaysDeadLettersFromTheConsoleTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            spoki -> spoki.answer(aResponse().withStatus(400).withBody("{\"error\":\"invalid phone\"}")),
            settings -> settings);

    @Test
    void anAdminReplaysAndSuspendsWhatStaffCannot() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "rita", "staff");
        ConsoleBrowser.createAccount(env.hub(), "boss", "admin");
        ConsoleBrowser staff = new ConsoleBrowser(env.hub()).loggedInAs("rita");
        ConsoleBrowser admin = new ConsoleBrowser(env.hub()).loggedInAs("boss");
        String phone = "+393351230002";
        env.hub().postSpoki(Webhooks.spokiInbound("ev-ops-1", "msg-ops-1", phone, "A che ora è la colazione?"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(staff).size() == 1);
        long letter = deadLetters(staff).get(0).path("id").asLong();
        String replay = "/api/console/operations/dead-letters/" + letter + "/replay";

        assertThat(staff.send("POST", replay, null).statusCode()).isEqualTo(403);
        assertThat(staff.get("/api/console/operations/routes").statusCode()).isEqualTo(403);
        assertThat(staff.send("POST", "/api/console/operations/routes/groups/cloud/suspend", null).statusCode())
                .isEqualTo(403);
        assertThat(deadLetters(staff)).hasSize(1);
        assertThat(suspendedRoutes(admin, "cloud")).isZero();

        env.spoki().answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"accepted\":true,\"id\":1}"));
        assertThat(admin.send("POST", replay, null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sends().stream()
                .filter(send -> send.getBodyAsString().contains(phone)).count() == 2);
        assertThat(deadLetters(staff)).isEmpty();

        assertThat(admin.send("POST", "/api/console/operations/routes/groups/cloud/suspend", null).statusCode())
                .isEqualTo(200);
        assertThat(suspendedRoutes(admin, "cloud")).isPositive();
        assertThat(ConsoleBrowser.json(staff.get("/api/console/operations")).path("workersPaused").asBoolean()).isTrue();
        assertThat(admin.send("POST", "/api/console/operations/routes/groups/cloud/resume", null).statusCode())
                .isEqualTo(200);
        assertThat(suspendedRoutes(admin, "cloud")).isZero();
    }

    static JsonNode deadLetters(ConsoleBrowser browser) throws Exception {
        return ConsoleBrowser.json(browser.get("/api/console/operations/dead-letters")).path("deadLetters");
    }

    static long suspendedRoutes(ConsoleBrowser admin, String group) throws Exception {
        JsonNode routes = ConsoleBrowser.json(admin.get("/api/console/operations/routes?group=" + group));
        assertThat(routes.size()).as("routes of group " + group).isPositive();
        long suspended = 0;
        for (JsonNode route : routes) {
            suspended += route.path("state").asText().equals("Suspended") ? 1 : 0;
        }
        return suspended;
    }
}
