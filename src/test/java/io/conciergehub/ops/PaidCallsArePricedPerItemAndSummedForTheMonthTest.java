package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.ops.CostMeter.Item;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import io.conciergehub.support.TestClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each paid call costs, on a real database: AeroAPI per result set, the LLM per 1,000 tokens of
 * its answer's usage, a template per message; per day in the hotel's time zone, summed for the
 * month against the budget (last month's calls not counted), and counted for Prometheus by item.
 */
class PaidCallsArePricedPerItemAndSummedForTheMonthTest {

    @Test
    void eachItemIsPricedAndTheMonthIsSummed() throws Exception {
        Path dir = Files.createTempDirectory("costs-");
        Database db = Database.open(dir, true);
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-01-31T23:30"));
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CostMeter meter = new CostMeter(db, new ObjectMapper(), new Metrics(prometheus), clock, TestClock.HOTEL,
                new CostMeter.Prices(Map.of(Item.FLIGHTAWARE, 0.005, Item.LLM, 0.0006, Item.TEMPLATE, 0.05), 20));

        meter.charge(Item.FLIGHTAWARE, 1); // January: not this month's
        clock.advance(Duration.ofHours(1)); // 1 February, 00:30 in Rome (still 31 January in UTC)
        meter.charge(Item.FLIGHTAWARE, 1);
        meter.charge(Item.FLIGHTAWARE, 1);
        meter.llmAnswered("{\"choices\":[],\"usage\":{\"prompt_tokens\":1500,\"completion_tokens\":500,\"total_tokens\":2000}}");
        meter.llmAnswered("{\"choices\":[]}"); // no usage: nothing to charge
        meter.charge(Item.TEMPLATE, 1);

        Map<String, Object> month = meter.monthToDate();
        assertThat(month.get("month")).isEqualTo("2027-02");
        assertThat(month.get("budget")).isEqualTo(20.0);
        assertThat(month.get("spent")).isEqualTo(0.0612); // 2 × 0.005 + 2 × 0.0006 + 0.05
        assertThat(month.get("byItem").toString()).contains("flightaware={calls=2, units=2, cost=0.01}",
                "llm={calls=1, units=2000, cost=0.0012}", "template={calls=1, units=1, cost=0.05}");
        List<String> days = db.read(c -> Sql.list(c, "SELECT day || ' ' || item || ' ' || calls FROM cost_days"
                + " ORDER BY day, item", row -> row.getString(1)));
        assertThat(days).containsExactly("2027-01-31 flightaware 1",
                        "2027-02-01 flightaware 2", "2027-02-01 llm 1", "2027-02-01 template 1");
        assertThat(prometheus.scrape()).contains("concierge_costs_total{item=\"flightaware\"} 0.015",
                "concierge_costs_total{item=\"llm\"} 0.0012", "concierge_costs_total{item=\"template\"} 0.05");
    }
}
