package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.DockerStack;
import io.conciergehub.support.PromQl;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard of the standby stack (docker/grafana/dashboards/concierge-hub.json): it has
 * a panel for each thing an operator looks at, reads the provisioned Prometheus, and every series it
 * queries is one a running hub exports on /metrics.
 */
class GrafanaDashboardTest {

    private final JsonNode dashboard = DockerStack.json("grafana/dashboards/concierge-hub.json");
    private final List<JsonNode> panels = DockerStack.dashboardPanels(dashboard).stream()
            .filter(panel -> !panel.path("type").asText().equals("row")).toList();

    @Test
    void thereIsAPanelForEachSubjectShowingTheRightSeries() {
        // subject → a panel whose title matches, and a series (or expression part) it must query
        Map<String, String[]> subjects = new LinkedHashMap<>();
        subjects.put("uptime", new String[] {"(?i).*uptime.*", "process_uptime_seconds"});
        subjects.put("role", new String[] {"(?i).*\\brole\\b.*", "concierge_node_role"});
        subjects.put("epoch", new String[] {"(?i).*\\bepoch\\b.*", "concierge_failover_epoch"});
        subjects.put("message success rate", new String[] {"(?i).*message.*success rate.*", "concierge_messages_out_total"});
        subjects.put("webhook latency p95", new String[] {"(?i).*webhook latency.*p95.*",
                "histogram_quantile(0.95, sum by (le, route) (rate(concierge_webhook_latency_seconds_bucket"});
        subjects.put("webhook latency p99", new String[] {"(?i).*webhook latency.*p99.*",
                "histogram_quantile(0.99, sum by (le, route) (rate(concierge_webhook_latency_seconds_bucket"});
        subjects.put("outbox depth", new String[] {"(?i).*outbox depth.*", "concierge_outbox_depth"});
        subjects.put("replication lag", new String[] {"(?i).*replication lag.*", "concierge_replication_lag_seconds"});
        subjects.put("event buffer", new String[] {"(?i).*event buffer.*", "concierge_event_buffer_size"});
        subjects.put("dead letters", new String[] {"(?i).*dead letters.*", "concierge_dead_letters"});
        subjects.put("paid API calls", new String[] {"(?i).*paid api calls.*", "concierge_paid_calls_total"});
        subjects.put("notices sent", new String[] {"(?i).*notices sent.*", "concierge_flight_notices_total"});
        subjects.put("budget spent", new String[] {"(?i).*budget spent.*", "concierge_costs_budget"});
        subjects.put("paid pollers paused", new String[] {"(?i).*paid pollers paused.*", "concierge_paid_pollers_paused"});

        subjects.forEach((subject, expected) -> {
            List<String> queried = panels.stream().filter(panel -> panel.path("title").asText().matches(expected[0]))
                    .flatMap(panel -> expressions(panel).stream()).toList();
            assertThat(queried).as("queries of the panels about %s", subject).isNotEmpty()
                    .anyMatch(expr -> expr.contains(expected[1]));
        });
    }

    @Test
    void everyPanelQueriesTheProvisionedPrometheusOfTheHubsScrapeJob() {
        JsonNode datasource = DockerStack.yaml("grafana/provisioning/datasources/prometheus.yaml").path("datasources").get(0);
        String jobName = DockerStack.yaml("prometheus/prometheus.yml").path("scrape_configs").get(0).path("job_name").asText();

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(panels).isNotEmpty().allSatisfy(panel -> {
            String title = panel.path("title").asText();
            assertThat(title).isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(datasource.path("uid").asText());
            assertThat(panel.path("datasource").path("type").asText()).as(title).isEqualTo("prometheus");
            assertThat(panel.path("targets")).as(title).isNotEmpty().allSatisfy(target -> {
                assertThat(target.path("expr").asText()).as(title).isNotBlank();
                if (target.has("datasource")) {
                    assertThat(target.path("datasource").path("uid").asText()).as(title)
                            .isEqualTo(datasource.path("uid").asText());
                }
            });
            Matcher job = Pattern.compile("\\bjob\\s*=~?\\s*\"([^\"]*)\"").matcher(String.join(" ", expressions(panel)));
            while (job.find()) {
                assertThat(job.group(1)).as("%s: the scrape job of prometheus.yml", title).isEqualTo(jobName);
            }
        });
        assertThat(panels.stream().map(p -> p.path("id").asInt()).distinct().count()).as("unique panel ids")
                .isEqualTo(panels.size());
    }

    @Test
    void metricNamesAreReadFromPromQlAsPrometheusStoresThem() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le, route) "
                + "(rate(x_seconds_bucket{job=\"a\",route=~\"b{1}\"}[$__rate_interval])))"))
                .containsExactly("x_seconds_bucket");
        assertThat(PromQl.metricNames("sum(rate(a_total{s=\"sent\"}[5m])) / sum(rate(a_total[5m] offset 1h)) * 60"))
                .containsExactly("a_total");
        assertThat(PromQl.metricNames("max by (role) (info) and on (instance) up_gauge > bool 1e3"))
                .containsExactly("info", "up_gauge");
        assertThat(PromQl.seriesNames("# TYPE h_seconds histogram\nh_seconds_bucket{le=\"0.1\"} 1.0\nh_seconds_count 1.0\n"
                + "# TYPE c counter\nc_total{p=\"x\"} 2.0\ng 3.0\n"))
                .containsExactly("c_total", "g", "h_seconds_bucket", "h_seconds_count");
    }

    @Test
    void everySeriesThePanelsQueryIsExportedByTheHub() throws Exception {
        Map<String, Set<String>> panelsByMetric = new TreeMap<>();
        panels.forEach(panel -> expressions(panel).forEach(expr -> PromQl.metricNames(expr).forEach(name ->
                panelsByMetric.computeIfAbsent(name, n -> new TreeSet<>()).add(panel.path("title").asText()))));
        assertThat(panelsByMetric).isNotEmpty();

        // Both roles, as Prometheus scrapes them (Bearer, a key with the read scope only). The
        // primary sends a message first: outbound counters exist once something was sent.
        Set<String> exported = new TreeSet<>();
        try (TestHub primary = TestHub.builder().scopedKeys().start()) {
            primary.postSpoki(Webhooks.spokiInbound("+393360000001", "Where can I park?"));
            await().atMost(Duration.ofSeconds(20)).until(() -> scrape(primary).contains("concierge_messages_out_total{"));
            exported.addAll(PromQl.seriesNames(scrape(primary)));
        }
        try (TestHub standby = TestHub.builder().scopedKeys().standbyOfAnAbsentPrimary().start()) {
            exported.addAll(PromQl.seriesNames(scrape(standby)));
        }

        Map<String, Set<String>> missing = new TreeMap<>(panelsByMetric);
        missing.keySet().removeAll(exported);
        assertThat(missing).as("series queried by panels (→ their titles) that /metrics does not export").isEmpty();
    }

    private static String scrape(TestHub hub) throws Exception {
        HttpResponse<String> response = hub.get("/metrics", "Authorization", "Bearer " + TestHub.READ_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static List<String> expressions(JsonNode panel) {
        List<String> expressions = new ArrayList<>();
        panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        return expressions;
    }
}
