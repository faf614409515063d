package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.Jolokia;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both nodes take webhooks, so a tunnel may point at both: the passive standby keeps a guest's
 * message, acknowledges it and relays it to the active primary, which answers it once. API writes
 * to the passive node, a hand-back among them, are refused with 503, and its consumers cannot be
 * started through JMX either.
 */
class APassiveNodeRelaysWebhooksAndRefusesWritesTest {

    @Test
    void theStandbyAcknowledgesAGuestMessageThePrimaryAnswersAndRefusesWrites() throws Exception {
        try (SpokiStub spoki = new SpokiStub();
             InProcessPair pair = InProcessPair.withOneKey(spoki::configure, spoki::configure)) {
            String phone = "+393337770001";
            String messageId = "msg-relayed-" + System.nanoTime();

            HttpResponse<String> acknowledged = pair.standby().postSpoki(
                    Webhooks.spokiInbound("ev-" + messageId, messageId, phone, "What time is breakfast?"));

            assertThat(acknowledged.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> spoki.sentTo(phone) == 1);
            assertThat(pair.primary().count("SELECT COUNT(*) FROM messages WHERE direction = 'in'"
                    + " AND provider_message_id = '" + messageId + "'")).as("the guest's message, at the primary")
                    .isEqualTo(1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> spoki.sends().size() == 1);

            HttpResponse<String> command = pair.standby().postApi("/api/mesh/commands", TestHub.API_KEY,
                    "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone + "\",\"message\":\"Hello\"}}");
            assertThat(command.statusCode()).isEqualTo(503);
            assertThat(command.body()).as("the answer names the active node, as the console's inbox does")
                    .contains("\"error\":\"passive\"").contains("\"active\":\"http://localhost:" + pair.primary().port() + "\"");
            assertThat(pair.standby().postApi("/api/mesh/failover/handback", TestHub.API_KEY, "").statusCode())
                    .as("a hand-back asked of the passive node").isEqualTo(503);
            assertThat(pair.primary().postApi("/api/mesh/commands", TestHub.API_KEY, "{\"action\":\"TEST\"}")
                    .statusCode()).as("the same kind of write at the active node").isEqualTo(202);
            assertThat(spoki.sentTo(phone)).as("nothing was sent for the refused command").isEqualTo(1);

            // Nor are its consumers started through JMX: started, the standby would answer guests too.
            // (Both nodes run in this JVM, with one MBean server: the standby's are those of its context.)
            Jolokia jmx = new Jolokia(pair.standby());
            String standbys = "org.apache.camel:context=" + pair.standby().context().getName();
            assertThat(List.of(jmx.exec(jmx.mbean(standbys + ",type=routegroups,*", "consumers"), "start()"),
                    jmx.exec(jmx.mbean(standbys + ",type=routes,*", "outbox-dispatch"), "start()"),
                    jmx.exec(jmx.mbean(standbys + ",type=routes,*", "concierge-answer"), "resume()")))
                    .allSatisfy(answer -> assertThat(answer.path("error").asText()).as(answer.toString())
                            .contains("this node is passive"));
            JsonNode consumers = new ObjectMapper().readTree(
                    pair.standby().getApi("/api/routes?group=consumers", TestHub.API_KEY).body());
            assertThat(consumers).filteredOn(route -> List.of("outbox-dispatch", "concierge-answer")
                    .contains(route.path("id").asText())).hasSize(2)
                    .allSatisfy(route -> assertThat(route.path("state").asText()).as(route.toString())
                            .isNotEqualTo("Started"));
        }
    }
}
