package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.DockerStack;
import io.conciergehub.support.DockerStack.EnvEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docker/.env.example documents every variable docker/compose.yaml uses, holds no secret, and
 * leaves empty only what is empty in the hub's defaults too; docker/.env stays out of git.
 */
class EveryVariableOfTheStackIsInTheEnvExampleTest {

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

        // Every variable of docker/.env reaches the hub (its env_file), but those its environment sets:
        // an empty one overrides the hub's default with an empty value, so only where the default is empty.
        Map<String, String> hubEnvironment = DockerStack.environment(DockerStack.compose().path("services").path("hub"));
        Properties defaults = DockerStack.hubDefaults();
        Map<String, String> byVariable = defaults.stringPropertyNames().stream().collect(Collectors.toMap(
                DockerStack::variableOf, key -> defaults.getProperty(key).trim(), (a, b) -> a));
        Set<String> emptyInTheHub = new TreeSet<>();
        example.forEach((name, entry) -> {
            if (entry.set() && entry.value().isEmpty() && !hubEnvironment.containsKey(name) && byVariable.containsKey(name)) {
                emptyInTheHub.add(name);
            }
        });
        assertThat(emptyInTheHub).isNotEmpty()
                .allSatisfy(name -> assertThat(byVariable.get(name)).as("default of %s", name).isEmpty());

        assertThat(example).as("no secret in the template").allSatisfy((name, entry) -> {
            if (name.matches(".*(KEY|KEYS|SECRET|TOKEN|PASSWORD).*")) {
                assertThat(entry.value()).as(name).isEmpty();
            }
        });
        assertThat(Files.readAllLines(Path.of(".gitignore"))).as("docker/.env stays out of git").contains("docker/.env");
    }
}
