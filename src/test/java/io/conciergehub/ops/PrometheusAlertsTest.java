package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.DockerStack;
import io.conciergehub.support.PromQl;
import io.conciergehub.support.TestHub;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's Prometheus (docker/prometheus/): the alert rules watch each thing that needs an
 * operator, read series the hub really exports, fire in promtool's rule tests, and the
 * configuration is valid as the container sees it. The promtool checks run where promtool is
 * installed (.ci/run installs it: Debian's prometheus package).
 */
class PrometheusAlertsTest {

    /** Series Prometheus itself records for each scrape, not exported by the hub. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private final Map<String, String> alerts = alerts();

    @Test
    void thereIsAnAlertForEachThingAnOperatorMustHear() {
        Map<String, String> subjects = new LinkedHashMap<>();
        subjects.put("a node down", "up{job=\"concierge-hub\"} == 0");
        subjects.put("a failover happened", "increase(concierge_failover_promotions_total");
        subjects.put("the epoch changed", "changes(concierge_failover_epoch");
        subjects.put("replication lag high", "concierge_replication_lag_seconds");
        subjects.put("dead letters growing", "concierge_dead_letters");
        subjects.put("the pair's keys differ", "concierge_failover_key_mismatch{job=\"concierge-hub\"} == 1");
        subjects.put("a circuit open, or open and half-open by turns, for 5 minutes",
                "max_over_time(concierge_circuit_state{job=\"concierge-hub\"}[5m]) == 2");
        subjects.put("disk filling", "predict_linear(disk_free_bytes");
        subjects.put("disk almost full", "disk_free_bytes{job=\"concierge-hub\"} / disk_total_bytes");
        subjects.forEach((subject, expected) -> assertThat(alerts.values()).as(subject)
                .anyMatch(expr -> expr.replaceAll("\\s+", " ").contains(expected)));
    }

    @Test
    void everySeriesTheAlertsReadIsExportedByTheHub() throws Exception {
        Map<String, Set<String>> alertsByMetric = new TreeMap<>();
        alerts.forEach((alert, expr) -> PromQl.metricNames(expr).forEach(name ->
                alertsByMetric.computeIfAbsent(name, n -> new TreeSet<>()).add(alert)));
        alertsByMetric.keySet().removeAll(PROMETHEUS_OWN);
        assertThat(alertsByMetric).isNotEmpty();

        // Both roles, scraped as Prometheus scrapes them (Bearer, a key with the read scope only).
        Set<String> exported = new TreeSet<>();
        try (TestHub primary = TestHub.builder().scopedKeys().start()) {
            String metrics = scrape(primary);
            exported.addAll(PromQl.seriesNames(metrics));
            // The disk metrics are those of the data directory's file system.
            assertThat(metrics).contains("disk_free_bytes{path=\"" + primary.dataDir().toAbsolutePath().normalize() + "\"}");
        }
        try (TestHub standby = TestHub.builder().scopedKeys().standbyOfAnAbsentPrimary().start()) {
            exported.addAll(PromQl.seriesNames(scrape(standby)));
        }

        Map<String, Set<String>> missing = new TreeMap<>(alertsByMetric);
        missing.keySet().removeAll(exported);
        assertThat(missing).as("series read by alerts (→ their names) that /metrics does not export").isEmpty();
    }

    @Test
    void everyAlertIsShownFiringInTheRuleTests() {
        JsonNode tests = DockerStack.yaml("prometheus/alerts.test.yml");
        assertThat(tests.path("rule_files").get(0).asText()).isEqualTo("alerts.yml");
        Set<String> fired = new TreeSet<>();
        tests.path("tests").forEach(test -> test.path("alert_rule_test").forEach(check -> {
            if (!check.path("exp_alerts").isEmpty()) {
                fired.add(check.path("alertname").asText());
            }
        }));
        assertThat(fired).as("alerts with a rule test in which they fire").containsAll(alerts.keySet());
    }

    @Test
    void promtoolAcceptsTheRulesAndTheyFireAsTheRuleTestsExpect() throws Exception {
        assumePromtool();
        Path dir = DockerStack.DIR.resolve("prometheus");
        assertThat(promtool(dir, "check", "rules", "alerts.yml")).contains("SUCCESS: " + alerts.size() + " rules found");
        assertThat(promtool(dir, "test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    /**
     * prometheus.yml, alerts.yml, the primary's target file that compose writes and the secret
     * holding the scrape key, put where the container has them (its root in a temporary directory),
     * then checked by promtool as Prometheus would load them: rule files and file_sd targets included.
     */
    @Test
    void promtoolAcceptsTheConfigurationAsTheContainerSeesIt(@TempDir Path root) throws Exception {
        assumePromtool();
        JsonNode compose = DockerStack.yaml("compose.yaml");
        JsonNode prometheus = compose.path("services").path("prometheus");
        Map<String, String> env = Map.of("PRIMARY_METRICS_TARGET", "hotel.example.org:443");

        DockerStack.mounts(prometheus).forEach((target, source) -> {
            if (source.startsWith("./")) {
                copy(DockerStack.DIR.resolve(source), root.resolve(target.substring(1)));
            }
        });
        DockerStack.configs(prometheus).forEach((target, name) -> write(root.resolve(target.substring(1)),
                DockerStack.interpolate(compose.path("configs").path(name).path("content").asText(), env)));
        prometheus.path("secrets").forEach(secret -> write(root.resolve("run/secrets/" + secret.asText()),
                "a-read-key-for-the-check-0123456789"));

        Path config = root.resolve("etc/prometheus/prometheus.yml");
        // The one absolute path: the secret's, moved under the temporary root like the files.
        write(config, Files.readString(config).replace("/run/secrets/", root.resolve("run/secrets") + "/"));

        String output = promtool(root, "check", "config", config.toString());
        assertThat(output).contains("SUCCESS: " + alerts.size() + " rules found")
                .doesNotContain("WARNING").contains("SUCCESS: " + config + " is valid prometheus config file syntax");
    }

    private static void assumePromtool() {
        assumeThat(onPath("promtool"))
                .as("promtool installed (apt-get install -y prometheus)").isTrue();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String promtool(Path dir, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", arguments), output).isZero();
        return output;
    }

    /** Alert name → expression, from docker/prometheus/alerts.yml. */
    private static Map<String, String> alerts() {
        Map<String, String> alerts = new LinkedHashMap<>();
        DockerStack.yaml("prometheus/alerts.yml").path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            if (rule.has("alert")) {
                alerts.put(rule.path("alert").asText(), rule.path("expr").asText());
            }
        }));
        return alerts;
    }

    private static String scrape(TestHub hub) throws Exception {
        HttpResponse<String> response = hub.get("/metrics", "Authorization", "Bearer " + TestHub.READ_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
