package io.conciergehub.watchers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static io.conciergehub.support.HubWithAModel.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubWithAModel;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.Webhooks;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once the month's costs reach costs.monthly-budget, the paid pollers (flights, weather) pause,
 * stored as paused by and for the budget (in the stats, /health and /metrics), AeroAPI is asked
 * nothing more, and the concierge answers a question the knowledge base cannot without asking the
 * model; the rest of the cloud-facing work goes on.
 */
class AtTheBudgetThePaidPollersPauseAndTheModelIsNotAskedTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-06-12T09:00"));
    static final Instant SCHEDULED = Instant.parse("2027-06-12T16:00:00Z");
    static final String MODEL_ANSWER = "Mi dispiace, non abbiamo una spa in hotel.";
    static final AeroApiStub aeroapi = new AeroApiStub();

    // One model answer (1,000 tokens) spends the budget.
    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withSettings(hub -> aeroapi.configure(hub.clock(clock))
            .property("costs.llm-per-1k-tokens", "1").property("costs.monthly-budget", "1")
            .property("costs.check-cron", "* * * * * ?"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void thePollersPauseAndTheModelIsNotAsked() throws Exception {
        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED));
        Flights.book(env.hub(), "B-1", "Ada", "+393331270001", "it", "2027-06-12", "AZ608");
        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("AZ608") >= 1);
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(completion(MODEL_ANSWER)));

        assertThat(ask("+393331270002", "Avete una spa o una piscina?")).isEqualTo(MODEL_ANSWER);

        await().atMost(Duration.ofSeconds(10)).until(() -> paidPollers().path("paused").asBoolean());
        assertThat(paidPollers().path("by").asText()).isEqualTo("budget");
        assertThat(paidPollers().path("reason").asText()).isEqualTo("budget");
        // The pause is stored first, then the route follows (it may finish a poll in flight).
        await().atMost(Duration.ofSeconds(10)).until(() -> status("flights") == ServiceStatus.Suspended);
        assertThat(status("events-poll")).as("the other cloud-facing work goes on").isEqualTo(ServiceStatus.Started);
        assertThat(Pauses.paused(env.hub())).as("the workers are not paused").isFalse();
        assertThat(env.hub().postApi("/api/routes/flights/resume", TestHub.API_KEY, "").statusCode())
                .as("route control does not bypass the budget").isEqualTo(409);
        assertThat(env.hub().get("/health", "X-API-Key", TestHub.API_KEY).body())
                .contains("\"paidPollers\":{\"paused\":true,\"by\":\"budget\",\"reason\":\"budget\"");
        assertThat(env.hub().get("/metrics", "X-API-Key", TestHub.API_KEY).body())
                .contains("concierge_paid_pollers_paused 1.0", "concierge_costs_month 1.0", "concierge_costs_budget 1.0");

        int asked = aeroapi.questions("AZ608");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> aeroapi.questions("AZ608") == asked);

        String answer = ask("+393331270003", "C'è un campo da golf vicino all'hotel?");
        assertThat(answer).isNotEqualTo(MODEL_ANSWER).isNotBlank();
        assertThat(env.chatRequests()).as("the model is not asked").hasSize(1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE needs_attention = 1"))
                .as("the guest goes to staff, as when the model is down").isEqualTo(1);
    }

    /** A guest's question on the hub's clock; the answer they got. */
    private static String ask(String phone, String question) throws Exception {
        Webhooks.guestWritesOnSpoki(env.hub(), clock, phone, question);
        await().atMost(Duration.ofSeconds(20)).until(() -> !OutboundLog.to(env.hub(), phone).isEmpty());
        return OutboundLog.to(env.hub(), phone).get(0).path("text").asText();
    }

    private static JsonNode paidPollers() throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(env.hub().getApi("/api/mesh/stats", TestHub.API_KEY).body()).path("paidPollers");
    }

    private static ServiceStatus status(String route) {
        return env.hub().context().getRouteController().getRouteStatus(route);
    }
}
