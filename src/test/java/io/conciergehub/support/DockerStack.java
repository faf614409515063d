package io.conciergehub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files of {@code docker/} (the VPS standby stack) read as Compose, Prometheus and Grafana
 * read them, for tests that cannot run Docker.
 */
public final class DockerStack {

    public static final Path DIR = Path.of("docker");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENV_LINE = Pattern.compile("^\\s*(#\\s*)?([A-Z][A-Z0-9_]*)=(.*)$");

    private DockerStack() {
    }

    /**
     * A YAML file as a tree. SnakeYAML, like Compose, resolves anchors, aliases and merge keys
     * (Jackson's YAML parser does not).
     */
    public static JsonNode yaml(String relativePath) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text(relativePath));
        return JSON.valueToTree(document);
    }

    public static JsonNode json(String relativePath) {
        try {
            return JSON.readTree(text(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docker/compose.yaml as Compose reads it. */
    public static JsonNode compose() {
        return yaml("compose.yaml");
    }

    public static String text(String relativePath) {
        try {
            return Files.readString(DIR.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service's environment, whether Compose's map or list form; a variable without a value maps to null. */
    public static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(entry -> {
                String[] pair = entry.asText().split("=", 2);
                env.put(pair[0], pair.length == 2 ? pair[1] : null);
            });
        } else {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return env;
    }

    /**
     * What a service's container finds in its environment, as Compose gives it, when docker/.env
     * holds {@code dotEnv}: the variables of its {@code env_file} docker/.env, overridden by those of
     * its {@code environment} (interpolated; one listed without a value is docker/.env's, when set there).
     */
    public static Map<String, String> containerEnvironment(JsonNode service, Map<String, String> dotEnv) {
        Map<String, String> container = new LinkedHashMap<>();
        if (envFiles(service).contains(DIR.resolve(".env"))) {
            container.putAll(dotEnv);
        }
        environment(service).forEach((name, value) -> {
            if (value != null) {
                container.put(name, interpolate(value, dotEnv));
            } else if (dotEnv.containsKey(name)) {
                container.put(name, dotEnv.get(name));
            }
        });
        return container;
    }

    /** A service's {@code env_file}s (a path, a list of paths, or of {@code {path, required}}), resolved from docker/. */
    public static List<Path> envFiles(JsonNode service) {
        JsonNode node = service.path("env_file");
        List<JsonNode> entries = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(entries::add);
        } else if (!node.isMissingNode()) {
            entries.add(node);
        }
        return entries.stream().map(entry -> entry.isTextual() ? entry.asText() : entry.path("path").asText())
                .map(path -> DIR.resolve(path).normalize()).toList();
    }

    /**
     * A service's volumes in short form {@code source:target[:mode]} (the source may be a
     * {@code ${VAR:-default}}), or long form, as target → source.
     */
    public static Map<String, String> mounts(JsonNode service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        service.path("volumes").forEach(volume -> {
            if (volume.isTextual()) {
                List<String> parts = shortVolume(volume.asText());
                mounts.put(parts.get(1), parts.get(0));
            } else {
                mounts.put(volume.path("target").asText(), volume.path("source").asText());
            }
        });
        return mounts;
    }

    /** Targets of the service's volumes that are mounted read-only ({@code :ro} or {@code read_only}). */
    public static List<String> readOnlyMounts(JsonNode service) {
        List<String> targets = new ArrayList<>();
        service.path("volumes").forEach(volume -> {
            if (volume.isTextual()) {
                List<String> parts = shortVolume(volume.asText());
                if (parts.size() > 2 && List.of(parts.get(2).split(",")).contains("ro")) {
                    targets.add(parts.get(1));
                }
            } else if (volume.path("read_only").asBoolean(false)) {
                targets.add(volume.path("target").asText());
            }
        });
        return targets;
    }

    /** {@code source:target[:mode]} split at the colons outside {@code ${...}}. */
    private static List<String> shortVolume(String volume) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < volume.length(); i++) {
            char c = volume.charAt(i);
            if (c == '$' && i + 1 < volume.length() && volume.charAt(i + 1) == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    /** A service's configs as target → the name of the top-level config. */
    public static Map<String, String> configs(JsonNode service) {
        Map<String, String> configs = new LinkedHashMap<>();
        service.path("configs").forEach(config -> {
            if (config.isTextual()) {
                configs.put("/" + config.asText(), config.asText());
            } else {
                String source = config.path("source").asText();
                configs.put(config.path("target").asText("/" + source), source);
            }
        });
        return configs;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    /**
     * Text with Compose's interpolation applied for the given variables: {@code ${VAR}},
     * {@code ${VAR:-default}} (also when empty), {@code ${VAR-default}} (when unset),
     * {@code ${VAR:?message}} and {@code ${VAR?message}} (an error, as Compose refuses to start).
     */
    public static String interpolate(String text, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            String operator = m.group(2);
            boolean missing = operator != null && operator.startsWith(":") ? value == null || value.isEmpty() : value == null;
            if (operator != null && missing && operator.endsWith("?")) {
                throw new IllegalArgumentException("required variable " + m.group(1) + " is missing: " + m.group(3));
            }
            if (operator != null && missing && operator.endsWith("-")) {
                value = m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The variables {@code .env.example} names: {@code NAME=value} lines are set, {@code # NAME=value}
     * lines document a variable left unset.
     */
    public static Map<String, EnvEntry> envExample() {
        Map<String, EnvEntry> entries = new LinkedHashMap<>();
        for (String line : text(".env.example").split("\n")) {
            Matcher m = ENV_LINE.matcher(line);
            if (m.matches()) {
                entries.putIfAbsent(m.group(2), new EnvEntry(m.group(1) == null, m.group(3).trim()));
            }
        }
        return entries;
    }

    public record EnvEntry(boolean set, String value) {
    }

    /** Every panel of the dashboard, those inside collapsed rows included. */
    public static List<JsonNode> dashboardPanels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        });
        return panels;
    }

    /** The hub's defaults (src/main/resources/application.properties), which an empty variable would override. */
    public static Properties hubDefaults() {
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }

    /** The environment variable that sets a hub property: {@code spoki.base-url} → {@code SPOKI_BASE_URL}. */
    public static String variableOf(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        node.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
