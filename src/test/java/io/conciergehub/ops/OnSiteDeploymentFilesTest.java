package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/: the on-site machine's systemd unit, its environment file template and the Caddyfile of
 * the reverse proxy. systemd-analyze and caddy check the files where they are installed.
 */
class OnSiteDeploymentFilesTest {

    private static final Path UNIT = Path.of("deploy/systemd/concierge-hub.service");
    private static final Path ENV_EXAMPLE = Path.of("deploy/systemd/env.example");
    private static final Path CADDYFILE = Path.of("deploy/Caddyfile");

    private final Map<String, List<String>> service = section(UNIT, "Service");
    private final Map<String, String> env = envFile(ENV_EXAMPLE);

    @Test
    void theUnitRunsTheJarAsItsOwnUserWithTheSettingsOfTheEnvironmentFile() {
        assertThat(service.get("User")).singleElement().isEqualTo("concierge-hub");
        assertThat(service.get("EnvironmentFile")).containsExactly("/etc/concierge-hub/env");
        assertThat(service.get("ExecStart")).singleElement().asString()
                .matches("/usr/bin/java \\$JAVA_OPTS -jar /opt/concierge-hub/concierge-hub\\.jar");
        assertThat(service.get("RestartPreventExitStatus")).as("a configuration error (exit 2) is not restarted")
                .containsExactly("2");
        assertThat(section(UNIT, "Install").get("WantedBy")).containsExactly("multi-user.target");
    }

    @Test
    void theUnitIsHardenedAndMayWriteOnlyItsDataDirectory() {
        Map<String, String> hardening = new LinkedHashMap<>();
        hardening.put("NoNewPrivileges", "yes");
        hardening.put("ProtectSystem", "strict");
        hardening.put("ProtectHome", "yes");
        hardening.put("PrivateTmp", "yes");
        hardening.put("PrivateDevices", "yes");
        hardening.put("ProtectKernelTunables", "yes");
        hardening.put("ProtectKernelModules", "yes");
        hardening.put("ProtectControlGroups", "yes");
        hardening.put("RestrictSUIDSGID", "yes");
        hardening.put("RestrictNamespaces", "yes");
        hardening.put("LockPersonality", "yes");
        hardening.put("CapabilityBoundingSet", "");
        hardening.put("UMask", "0077");
        hardening.forEach((option, value) -> assertThat(service.get(option)).as(option).containsExactly(value));
        assertThat(service).doesNotContainKey("MemoryDenyWriteExecute"); // the JIT needs W+X memory

        String dataDir = env.get("CONCIERGE_DATA_DIR");
        assertThat(dataDir).isEqualTo("/var/lib/concierge-hub");
        assertThat(service.get("ReadWritePaths")).containsExactly(dataDir);
        assertThat(service.get("StateDirectory")).containsExactly(dataDir.substring("/var/lib/".length()));
        assertThat(service.get("StateDirectoryMode")).containsExactly("0700");
    }

    @Test
    void theEnvironmentFileNamesEverySettingAHotelNeedsWithEmptySecrets() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        defaults.stringPropertyNames().forEach(key -> variables.put(variable(key), key));

        List<String> needed = new ArrayList<>(defaults.stringPropertyNames().stream()
                .filter(key -> key.startsWith("hotel.")).map(OnSiteDeploymentFilesTest::variable).sorted().toList());
        needed.addAll(List.of("CONCIERGE_ROLE", "CONCIERGE_DATA_DIR", "CONCIERGE_API_KEYS", "CONCIERGE_ENCRYPTION_KEY",
                "CONCIERGE_KNOWLEDGE_DIR", "MESSAGING_PROVIDER", "SPOKI_API_KEY", "SPOKI_WEBHOOK_SECRET",
                "WHATSAPP_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN",
                "LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL", "FAILOVER_PEER_URL", "FAILOVER_PEER_API_KEY",
                "EVENTS_SINK_URL", "EVENTS_SINK_TOKEN", "API_CLIENT_IP_HEADER", "JAVA_OPTS"));
        assertThat(env).containsKeys(needed.toArray(String[]::new));

        // Every variable is a setting the hub reads: no typo silently ignored.
        Set<String> outsideTheProperties = Set.of("HTTP_PORT", "JAVA_OPTS", "CAMEL_SERVER_HOST");
        assertThat(env.keySet()).allSatisfy(name -> assertThat(variables.containsKey(name)
                || outsideTheProperties.contains(name)).as("%s is a property of application.properties", name).isTrue());
        assertThat(variables.get("CAMEL_SERVER_HOST")).isEqualTo("camel.server.host");

        assertThat(env).as("no secret in the template").allSatisfy((name, value) -> {
            if (name.matches(".*(KEY|KEYS|SECRET|TOKEN|PASSWORD).*")) {
                assertThat(value).as(name).isEmpty();
            }
        });
        assertThat(env.get("CAMEL_SERVER_HOST")).as("only the proxy or tunnel on the machine reaches the hub")
                .isEqualTo("127.0.0.1");
    }

    @Test
    void theReadmeInstallsTheEnvironmentFileReadableByRootAlone() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("install -m 0600 -o root -g root deploy/systemd/env.example /etc/concierge-hub/env")
                .contains("deploy/systemd/concierge-hub.service").contains("systemctl enable --now concierge-hub");
    }

    @Test
    void systemdFindsNothingToObjectToInTheUnit() throws Exception {
        assumeThat(onPath("systemd-analyze")).as("systemd-analyze installed").isTrue();
        String output = run(List.of("systemd-analyze", "verify", UNIT.toAbsolutePath().toString()));
        assertThat(output).doesNotContain("Unknown key").doesNotContain("Unknown lvalue")
                .doesNotContain("Invalid").doesNotContain("Failed to parse");
    }

    @Test
    void caddyProxiesEverythingToTheHubAndOverwritesTheClientAddressHeader() throws Exception {
        String caddyfile = Files.readString(CADDYFILE);
        String port = env.get("HTTP_PORT");
        assertThat(caddyfile).contains("reverse_proxy 127.0.0.1:" + port + " {")
                .contains("header_up X-Forwarded-For {remote_host}");
        assertThat(caddyfile.lines().filter(l -> l.strip().startsWith("header_up"))).as("no other header changed")
                .containsExactly("\t\theader_up X-Forwarded-For {remote_host}");
        assertThat(caddyfile.lines().filter(l -> !l.strip().startsWith("#"))).as("no proxy trusted to begin the header")
                .noneMatch(l -> l.contains("trusted_proxies"));

        assumeThat(onPath("caddy")).as("caddy installed").isTrue();
        String json = run(List.of("caddy", "adapt", "--config", CADDYFILE.toString(), "--adapter", "caddyfile"));
        assertThat(json).contains("\"dial\":\"127.0.0.1:" + port + "\"")
                .contains("\"X-Forwarded-For\":[\"{http.request.remote.host}\"]")
                .contains("\"hotel.example.org\"");
        assertThat(json).as("the access log keeps no credential").contains(
                "\"request\\u003eheaders\\u003eX-Api-Key\":{\"filter\":\"delete\"}",
                "\"request\\u003euri\":{\"actions\":[{\"parameter\":\"token\",\"type\":\"delete\"},"
                        + "{\"parameter\":\"hub.verify_token\",\"type\":\"delete\"}],\"filter\":\"query\"}");
    }

    /** A unit file's section as option → values (an option may repeat), comments dropped. */
    private static Map<String, List<String>> section(Path unit, String name) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        String current = null;
        for (String line : lines(unit)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                current = trimmed.substring(1, trimmed.length() - 1);
            } else if (name.equals(current)) {
                String[] pair = trimmed.split("=", 2);
                options.computeIfAbsent(pair[0].strip(), k -> new ArrayList<>()).add(pair[1].strip());
            }
        }
        return options;
    }

    private static Map<String, String> envFile(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m;
        for (String line : lines(file)) {
            m = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$").matcher(line);
            if (m.matches()) {
                assertThat(env.put(m.group(1), m.group(2))).as("%s set once", m.group(1)).isNull();
            }
        }
        return env;
    }

    private static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s:%n%s", command, output).isZero();
        return output;
    }
}
