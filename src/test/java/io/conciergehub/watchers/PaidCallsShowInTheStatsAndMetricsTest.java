package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The month's costs in /api/mesh/stats and /metrics: each AeroAPI question the flight watch asked,
 * each WhatsApp template sent, at their configured prices, against the budget. The cost meter is the
 * one count of paid calls: {@code concierge_paid_calls_total{item}} says what the stats say.
 */
class PaidCallsShowInTheStatsAndMetricsTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-02T09:00"));
    static final Instant SCHEDULED = Instant.parse("2027-04-02T16:00:00Z");
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flights.answer-cache", "10m").property("costs.flightaware-per-call", "0.01")
            .property("costs.template-message", "0.04").property("costs.monthly-budget", "15"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void theMonthsCostsAreCountedPerItem() throws Exception {
        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED));
        Flights.book(env.hub(), "P-1", "Ada", "+393331239001", "it", "2027-04-02", "AZ608");
        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("AZ608") == 1);
        assertThat(Flights.command(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"+393331239002\","
                + "\"template\":\"1234\"}}")).isEqualTo("succeeded");

        JsonNode costs = new ObjectMapper().readTree(env.hub().getApi("/api/mesh/stats", TestHub.API_KEY).body())
                .path("costs");
        assertThat(costs.path("month").asText()).isEqualTo("2027-04");
        assertThat(costs.path("budget").asDouble()).isEqualTo(15.0);
        assertThat(costs.path("byItem").path("flightaware").path("calls").asLong()).isEqualTo(1);
        assertThat(costs.path("byItem").path("template").path("calls").asLong()).isEqualTo(1);
        assertThat(costs.path("spent").asDouble()).isEqualTo(0.05);
        assertThat(env.hub().get("/metrics", "X-API-Key", TestHub.API_KEY).body())
                .contains("concierge_costs_total{item=\"flightaware\"} 0.01", "concierge_costs_total{item=\"template\"} 0.04",
                        "concierge_costs_total{item=\"llm\"} 0.0")
                // One count of paid calls, the cost meter's: the same calls as the stats show.
                .contains("concierge_paid_calls_total{item=\"flightaware\"} 1.0",
                        "concierge_paid_calls_total{item=\"template\"} 1.0", "concierge_paid_calls_total{item=\"llm\"} 0.0")
                .doesNotContain("concierge_flightaware_calls");
    }
}
