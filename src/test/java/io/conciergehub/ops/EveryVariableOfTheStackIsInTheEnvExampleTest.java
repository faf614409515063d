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

        // A variable listed without a value is passed on from docker/.env only when set there.
        Set<String> passedOn = new TreeSet<>();
        DockerStack.compose().path("services").fields().forEachRemaining(service -> DockerStack
                .environment(service.getValue()).forEach((name, value) -> {
                    if (value == null) {
                        passedOn.add(name);
                    }
                }));
        assertThat(passedOn).isNotEmpty().allSatisfy(name -> assertThat(example).as("documented").containsKey(name));

        // An empty variable overrides the hub's default with an empty value: only where the default is empty.
        Properties defaults = DockerStack.hubDefaults();
        Map<String, String> byVariable = defaults.stringPropertyNames().stream().collect(Collectors.toMap(
                DockerStack::variableOf, key -> defaults.getProperty(key).trim(), (a, b) -> a));
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
}
