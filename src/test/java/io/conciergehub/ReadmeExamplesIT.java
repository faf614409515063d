package io.conciergehub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The README's shell examples, run as a reader runs them against the hub the README starts: every
 * {@code sh} block that talks to the hub (localhost:8080, the data directory), other than those
 * that install it as a service, runs in bash, in order, and what it prints matches the answers the README shows in its {@code # …} comments
 * ({@code …} standing for anything). A {@code …} in a command is a value the reader takes from an
 * earlier answer (a command id) or from the hub's start (the API key it printed).
 */
class ReadmeExamplesIT {

    static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    static final Pattern RUN_LINE = Pattern.compile("^((?:[A-Z_]+=\\S+ )+)scripts/run\\.sh$", Pattern.MULTILINE);
    static final Pattern PRINTED_KEY = Pattern.compile("chk_[A-Za-z0-9_-]{32}");
    static final Pattern COMMAND_ID = Pattern.compile("cmd-[0-9a-f-]{36}");

    @Test
    void everyExampleAgainstTheHubAnswersAsTheReadmeSays() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Path dataDir = Files.createTempDirectory("readme-").resolve("data");
        Path log = Files.createTempFile("readme-hub-", ".log");
        List<String> blocks = new ArrayList<>();
        for (Matcher block = BLOCK.matcher(readme); block.find(); ) {
            boolean againstTheHub = block.group(1).contains("localhost:8080") || block.group(1).contains("data/outbound.jsonl");
            // Installing the service (sudo, systemd, docker) is for the hotel's machine, not a test's.
            if (againstTheHub && !block.group(1).matches("(?s).*\\b(sudo|docker) .*")) {
                blocks.add(block.group(1));
            }
        }
        assertThat(blocks).as("the walk-through, the mesh API and route control").hasSizeGreaterThanOrEqualTo(5);

        try (HubProcess hub = HubProcess.start(dataDir, runSettings(readme), log)) {
            Matcher printed = PRINTED_KEY.matcher(Files.readString(log));
            assertThat(printed.find()).as("the hub prints its generated API key, as the README says").isTrue();
            String key = printed.group();
            String earlierOutput = "";
            for (String block : blocks) {
                String script = block.replace("localhost:8080", "localhost:" + hub.port())
                        .replace("data/", dataDir + "/").replace("KEY=…", "KEY=" + key);
                Matcher id = COMMAND_ID.matcher(earlierOutput);
                String lastId = null;
                while (id.find()) {
                    lastId = id.group();
                }
                if (lastId != null) {
                    script = script.replace("cmd-…", lastId);
                }
                String runnable = script;
                assertThat(commands(runnable)).as("a placeholder the test cannot fill in:%n%s", runnable)
                        .doesNotContain("…");
                List<Pattern> expected = expectedAnswers(block);
                // A reader who reads an answer a moment later: read-only examples are run again until it is there.
                boolean readOnly = !block.contains("-X POST");
                Ran ran = run(runnable, key);
                if (readOnly) {
                    Ran[] latest = {ran};
                    try {
                        await().atMost(Duration.ofSeconds(15)).until(() -> {
                            if (!latest[0].answers(expected)) {
                                latest[0] = run(runnable, key);
                            }
                            return latest[0].answers(expected);
                        });
                    } catch (ConditionTimeoutException stillNot) {
                        // the assertions below tell what it printed
                    }
                    ran = latest[0];
                }
                assertThat(ran.exitCode()).as("%s%nprinted:%n%s", runnable, ran.output()).isZero();
                assertThat(ran.answers(expected)).as("%s%nprinted:%n%s", block, ran.output()).isTrue();
                earlierOutput += ran.output();
            }
        }
    }

    /** The settings of the README's own run line ({@code SPOKI_WEBHOOK_SECRET=my-secret scripts/run.sh}). */
    static Map<String, String> runSettings(String readme) {
        Map<String, String> settings = new HashMap<>();
        for (Matcher run = RUN_LINE.matcher(readme); run.find(); ) {
            for (String setting : run.group(1).trim().split(" ")) {
                settings.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        assertThat(settings).as("the walk-through starts the hub with a webhook secret")
                .containsKey("SPOKI_WEBHOOK_SECRET");
        return settings;
    }

    static String commands(String script) {
        return script.lines().filter(line -> !line.startsWith("#")).map(line -> line.replaceAll("#.*", ""))
                .reduce("", (a, b) -> a + b + "\n");
    }

    /** The {@code # …} lines that show an answer: JSON, a status line, a header. */
    static List<Pattern> expectedAnswers(String block) {
        List<Pattern> answers = new ArrayList<>();
        block.lines().filter(line -> line.matches("# ([{\\[]|HTTP/|Location: ).*")).forEach(line -> {
            String regex = Arrays.stream(line.substring(2).strip().split("…", -1)).map(Pattern::quote)
                    .collect(Collectors.joining(".*"));
            answers.add(Pattern.compile(regex + ".*"));
        });
        return answers;
    }

    /** What a block printed, and how bash ended. */
    record Ran(int exitCode, String output) {
        boolean answers(List<Pattern> expected) {
            List<String> lines = output.lines().map(String::strip).toList();
            return exitCode == 0 && expected.stream()
                    .allMatch(answer -> lines.stream().anyMatch(line -> answer.matcher(line).matches()));
        }
    }

    /** In the reader's terminal, where {@code KEY} stays set from the block that set it. */
    static Ran run(String script, String key) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true);
        builder.environment().put("KEY", key);
        Process bash = builder.start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Ran(bash.exitValue(), output);
    }
}
