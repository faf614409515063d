package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.apache.camel.ServiceStatus;

/**
 * What the tests of route control under the budget's stored pause share: a hub whose budget one
 * template message spends (AeroAPI is never asked: no booking names a flight), and that message.
 */
final class SpentBudget {

    private SpentBudget() {
    }

    /** The flight watch on, a budget of 1 that one template message spends, checked every second. */
    static TestHub.Builder settings(TestHub.Builder hub) {
        return hub.property("flightaware.api-key", "aeroapi-key-unused").property("flightaware.base-url", "http://127.0.0.1:9")
                .property("costs.template-message", "1").property("costs.monthly-budget", "1")
                .property("costs.check-cron", "* * * * * ?");
    }

    /** Sends the template message and waits until the budget's pause holds route flights. */
    static void spend(TestHub hub) throws Exception {
        assertThat(command(hub, "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"+393331330001\","
                + "\"template\":\"1234\"}}")).isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(hub, "flights") == ServiceStatus.Suspended);
    }

    static ServiceStatus status(TestHub hub, String route) {
        return hub.context().getRouteController().getRouteStatus(route);
    }

    private static String command(TestHub hub, String command) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String id = json.readTree(hub.postApi("/api/mesh/commands", TestHub.API_KEY, command).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> !status(hub, json, id).matches("queued|running"));
        return status(hub, json, id);
    }

    private static String status(TestHub hub, ObjectMapper json, String id) throws Exception {
        return json.readTree(hub.getApi("/api/mesh/commands/" + id, TestHub.API_KEY).body()).path("status").asText();
    }
}
