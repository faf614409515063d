package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.DockerStack;
import io.conciergehub.support.DockerStack.EnvEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * docker/ (the VPS standby stack) fits together as Compose, Prometheus and Grafana will read it:
 * no Docker engine runs here, so the files are parsed and cross-checked instead.
 */
class DockerStackConfigTest {

    private final JsonNode compose = DockerStack.yaml("compose.yaml");
    private final JsonNode services = compose.path("services");

    @Test
    void theHubRunsAsStandbyWithItsDataOnAVolumeAndAHealthCheck() {
        assertThat(fieldNames(services)).contains("hub", "redis", "prometheus", "grafana");
        JsonNode hub = services.path("hub");

        Path context = DockerStack.DIR.resolve(hub.path("build").path("context").asText()).normalize();
        assertThat(context.resolve("pom.xml")).as("builds from the repository root").exists();
        assertThat(context.resolve(hub.path("build").path("dockerfile").asText()))
                .isEqualTo(context.resolve("docker/Dockerfile")).exists();

        Map<String, String> env = DockerStack.environment(hub);
        assertThat(env).containsEntry("CONCIERGE_ROLE", "standby").containsEntry("CONCIERGE_DATA_DIR", "/data")
                .containsEntry("HTTP_PORT", "8080").containsEntry("CONCIERGE_REDIS_URL", "redis://redis:6379");
        String dataVolume = DockerStack.mounts(hub).get("/data");
        assertThat(fieldNames(compose.path("volumes"))).as("/data is a named volume").contains(dataVolume);

        assertThat(texts(hub.path("ports"))).anyMatch(port -> port.endsWith(":8080"));
        String healthCheck = String.join(" ", texts(hub.path("healthcheck").path("test")));
        assertThat(healthCheck).contains("http://127.0.0.1:8080/health").contains("-f");
    }

    @Test
    void everyVariableTheStackUsesIsInTheEnvExampleWithoutAValue() throws IOException {
        Map<String, EnvEntry> example = DockerStack.envExample();
        Set<String> interpolated = new TreeSet<>();
        Matcher variable = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)").matcher(DockerStack.text("compose.yaml"));
        while (variable.find()) {
            interpolated.add(variable.group(1));
        }
        assertThat(interpolated).isNotEmpty()
                .allSatisfy(name -> assertThat(example.get(name)).as("%s set in .env.example", name)
                        .isNotNull().extracting(EnvEntry::set).isEqualTo(true));

        // A variable listed without a value is passed on from docker/.env only when set there.
        Set<String> passedOn = new TreeSet<>();
        services.fields().forEachRemaining(service -> DockerStack.environment(service.getValue())
                .forEach((name, value) -> {
                    if (value == null) {
                        passedOn.add(name);
                    }
                }));
        assertThat(passedOn).isNotEmpty().allSatisfy(name -> assertThat(example).as("documented").containsKey(name));

        // An empty variable overrides the hub's default with an empty value: only where the default is empty.
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        Map<String, String> byVariable = defaults.stringPropertyNames().stream().collect(Collectors.toMap(
                key -> key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'),
                key -> defaults.getProperty(key).trim(), (a, b) -> a));
        passedOn.stream().filter(name -> example.get(name).set() && example.get(name).value().isEmpty())
                .filter(byVariable::containsKey)
                .forEach(name -> assertThat(byVariable.get(name)).as("default of %s", name).isEmpty());

        assertThat(example).as("no secret in the template").allSatisfy((name, entry) -> {
            if (name.matches(".*(KEY|KEYS|SECRET|TOKEN|PASSWORD).*")) {
                assertThat(entry.value()).as(name).isEmpty();
            }
        });
        assertThat(Files.readAllLines(Path.of(".gitignore"))).as("docker/.env stays out of git").contains("docker/.env");
    }

    @Test
    void prometheusScrapesTheHubsMetricsWithAReadKeyFromASecretFile() {
        JsonNode prometheus = services.path("prometheus");
        assertThat(DockerStack.mounts(prometheus)).containsEntry("/etc/prometheus/prometheus.yml",
                "./prometheus/prometheus.yml");
        assertThat(texts(prometheus.path("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");

        JsonNode config = DockerStack.yaml("prometheus/prometheus.yml");
        JsonNode job = StreamSupport.stream(config.path("scrape_configs").spliterator(), false)
                .filter(j -> j.path("metrics_path").asText().equals("/metrics")).findFirst().orElseThrow();
        List<String> targets = new ArrayList<>();
        job.path("static_configs").forEach(c -> targets.addAll(texts(c.path("targets"))));
        assertThat(targets).as("the hub service on its container port").containsExactly("hub:8080");
        assertThat(job.path("scheme").asText("http")).isEqualTo("http");

        JsonNode authorization = job.path("authorization");
        assertThat(authorization.path("type").asText()).isEqualTo("Bearer");
        assertThat(authorization.has("credentials")).as("no key in prometheus.yml").isFalse();
        assertThat(job.has("bearer_token")).isFalse();
        assertThat(DockerStack.text("prometheus/prometheus.yml")).as("Prometheus expands no variables").doesNotContain("${");

        // The credentials file is a compose secret holding METRICS_API_KEY ...
        String file = authorization.path("credentials_file").asText();
        assertThat(file).startsWith("/run/secrets/");
        String secret = file.substring("/run/secrets/".length());
        assertThat(texts(prometheus.path("secrets"))).contains(secret);
        assertThat(compose.path("secrets").path(secret).path("environment").asText()).isEqualTo("METRICS_API_KEY");
        // ... which the hub accepts with the read scope that /metrics needs.
        String apiKeys = DockerStack.environment(services.path("hub")).get("CONCIERGE_API_KEYS");
        assertThat(Arrays.stream(apiKeys.split(","))).anyMatch(
                key -> key.matches("\\$\\{METRICS_API_KEY(:\\?[^}]*)?}:read"));
    }

    @Test
    void theStandbyAnswersWithTheHotelsOwnFactsAnswersAndLlmNotTheDemoOnes() throws IOException {
        JsonNode hub = services.path("hub");
        Map<String, String> env = DockerStack.environment(hub);

        // Every hotel.* fact is passed, and required: an unset one would be the demo value.
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        List<String> facts = defaults.stringPropertyNames().stream().filter(key -> key.startsWith("hotel."))
                .map(key -> key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_')).sorted().toList();
        assertThat(facts).hasSizeGreaterThanOrEqualTo(12);
        assertThat(facts).allSatisfy(variable -> assertThat(env.get(variable)).as(variable)
                .matches("\\$\\{" + variable + ":\\?[^}]+}"));

        // The knowledge directory: a read-only mount, named by CONCIERGE_KNOWLEDGE_DIR.
        String knowledgeDir = env.get("CONCIERGE_KNOWLEDGE_DIR");
        assertThat(knowledgeDir).isNotBlank();
        assertThat(DockerStack.mounts(hub)).containsKey(knowledgeDir);
        assertThat(DockerStack.readOnlyMounts(hub)).contains(knowledgeDir);
        String source = DockerStack.interpolate(DockerStack.mounts(hub).get(knowledgeDir),
                Map.of("KNOWLEDGE_DIR", DockerStack.envExample().get("KNOWLEDGE_DIR").value()));
        assertThat(DockerStack.DIR.resolve(source)).as("the default knowledge directory is in docker/").isDirectory();

        // The LLM settings, passed on from docker/.env when set there.
        assertThat(env).containsKeys("LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL");
        assertThat(DockerStack.envExample()).containsKeys("LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL");
    }

    @Test
    void theStackRefusesToStartWhileAHotelFactIsMissing() {
        Map<String, String> filled = new java.util.HashMap<>();
        DockerStack.envExample().forEach((name, entry) -> filled.put(name, name.startsWith("HOTEL_") ? "" : "x"));
        String text = DockerStack.text("compose.yaml");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DockerStack.interpolate(text, filled))
                .hasMessageContaining("HOTEL_");
        filled.replaceAll((name, value) -> "x");
        assertThat(DockerStack.interpolate(text, filled)).doesNotContainPattern("\\$\\{[A-Za-z_]");
    }

    @Test
    void prometheusScrapesTheOnSitePrimaryAtTheAddressOfTheEnvFile() {
        JsonNode prometheus = services.path("prometheus");
        JsonNode config = DockerStack.yaml("prometheus/prometheus.yml");
        JsonNode job = config.path("scrape_configs").get(0);

        // prometheus.yml reads the target file beside it; compose writes that file there ...
        List<String> files = texts(job.path("file_sd_configs").get(0).path("files"));
        assertThat(files).singleElement();
        String targetFile = "/etc/prometheus/" + files.get(0);
        String configName = DockerStack.configs(prometheus).get(targetFile);
        assertThat(configName).as("a config of compose at %s", targetFile).isNotNull();
        String content = compose.path("configs").path(configName).path("content").asText();

        // ... from PRIMARY_METRICS_TARGET, https unless PRIMARY_METRICS_SCHEME says otherwise.
        JsonNode group = targets(DockerStack.interpolate(content, Map.of("PRIMARY_METRICS_TARGET", "hotel.example.org:443")));
        assertThat(texts(group.path("targets"))).containsExactly("hotel.example.org:443");
        assertThat(group.path("labels").path("__scheme__").asText()).isEqualTo("https");
        assertThat(group.path("labels").path("node").asText()).isEqualTo("primary");
        JsonNode overTailscale = targets(DockerStack.interpolate(content,
                Map.of("PRIMARY_METRICS_TARGET", "100.101.102.103:8080", "PRIMARY_METRICS_SCHEME", "http")));
        assertThat(overTailscale.path("labels").path("__scheme__").asText()).isEqualTo("http");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DockerStack.interpolate(content, Map.of()))
                .hasMessageContaining("PRIMARY_METRICS_TARGET");

        // The same job, so the dashboard and the alerts see both nodes; the standby labelled too.
        assertThat(job.path("static_configs").get(0).path("labels").path("node").asText()).isEqualTo("standby");

        // The alert rules are loaded from beside the configuration, where compose mounts them.
        List<String> ruleFiles = texts(config.path("rule_files"));
        assertThat(ruleFiles).isNotEmpty().allSatisfy(rules -> assertThat(DockerStack.mounts(prometheus))
                .containsEntry("/etc/prometheus/" + rules, "./prometheus/" + rules));
        assertThat(DockerStack.readOnlyMounts(prometheus)).contains("/etc/prometheus/alerts.yml");
    }

    private static JsonNode targets(String fileSd) {
        JsonNode groups = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                        new org.yaml.snakeyaml.LoaderOptions())).load(fileSd));
        assertThat(groups.isArray()).as("a file_sd list of target groups").isTrue();
        assertThat(groups).hasSize(1);
        return groups.get(0);
    }

    @Test
    void grafanaIsProvisionedWithThatPrometheusAndTheDashboardDirectory() {
        JsonNode grafana = services.path("grafana");
        Map<String, String> mounts = DockerStack.mounts(grafana);
        assertThat(mounts).containsEntry("/etc/grafana/provisioning", "./grafana/provisioning");

        JsonNode datasources = DockerStack.yaml("grafana/provisioning/datasources/prometheus.yaml").path("datasources");
        assertThat(datasources).hasSize(1);
        JsonNode datasource = datasources.get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("uid").asText()).isNotBlank();
        URI url = URI.create(datasource.path("url").asText());
        assertThat(services.has(url.getHost())).as("a service of the stack: %s", url).isTrue();
        assertThat(url.getPort()).isEqualTo(9090);

        JsonNode provider = DockerStack.yaml("grafana/provisioning/dashboards/dashboards.yaml").path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        String path = provider.path("options").path("path").asText();
        assertThat(mounts).containsKey(path);
        Path dashboards = DockerStack.DIR.resolve(mounts.get(path)).normalize();
        assertThat(dashboards.resolve("concierge-hub.json")).exists();
        assertThat(DockerStack.environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo(path + "/concierge-hub.json");
    }

    @Test
    void theImageRunsTheJarWithItsLibrariesAsAnUnprivilegedUser() {
        List<String[]> instructions = dockerfile(DockerStack.text("Dockerfile"));
        List<String> from = arguments(instructions, "FROM");
        assertThat(from.get(from.size() - 1)).startsWith("eclipse-temurin:17").contains("jre");

        List<String> copies = arguments(instructions, "COPY");
        String jar = destination(copies, "target/concierge-hub.jar");
        String lib = destination(copies, "target/lib");
        String appDir = jar.substring(0, jar.lastIndexOf('/'));
        assertThat(jar).endsWith("/concierge-hub.jar");
        assertThat(lib.replaceAll("/$", "")).as("lib/ beside the jar, as its manifest expects").isEqualTo(appDir + "/lib");
        assertThat(String.join(" ", arguments(instructions, "ENTRYPOINT")) + " " + String.join(" ", arguments(instructions, "CMD")))
                .contains("-jar " + jar);

        List<String> users = arguments(instructions, "USER");
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1).split(":")[0]).isNotIn("root", "0");
        assertThat(String.join(" ", arguments(instructions, "RUN"))).contains("useradd");

        assertThat(arguments(instructions, "EXPOSE")).anyMatch(e -> e.matches("8080(/tcp)?"));
        assertThat(arguments(instructions, "VOLUME")).anyMatch(v -> v.contains("/data"));
        assertThat(String.join(" ", arguments(instructions, "ENV"))).contains("CONCIERGE_DATA_DIR=/data");
        assertThat(arguments(instructions, "HEALTHCHECK")).singleElement().asString().contains("/health");

        List<String> ignored = DockerStack.text("Dockerfile.dockerignore").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(ignored).as("only the jar and its libraries reach the build, never data/")
                .containsExactly("*", "!target/concierge-hub.jar", "!target/lib/");
    }

    /** Instructions as {keyword, arguments}, continuation lines joined and comments dropped. */
    private static List<String[]> dockerfile(String text) {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().strip().split("\\s+", 2);
            instructions.add(new String[] {parts[0].toUpperCase(java.util.Locale.ROOT), parts.length > 1 ? parts[1] : ""});
            current.setLength(0);
        }
        return instructions;
    }

    private static List<String> arguments(List<String[]> instructions, String keyword) {
        return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
    }

    /** The destination of the COPY whose source is {@code source} (with or without a trailing slash). */
    private static String destination(List<String> copies, String source) {
        return copies.stream().map(c -> c.replaceAll("--\\S+\\s+", "").split("\\s+"))
                .filter(words -> words.length == 2 && words[0].replaceAll("/$", "").equals(source))
                .map(words -> words[1]).findFirst()
                .orElseThrow(() -> new AssertionError("no COPY of " + source + " in " + copies));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        node.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
