package io.conciergehub.support;

import io.conciergehub.Application;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A sub-command ({@code backup}, {@code restore …}) run as an operator runs it: {@code Application.main}
 * in a process of its own, with the data directory in {@code CONCIERGE_DATA_DIR}.
 */
public final class HubCommand {

    /** What the operator sees: the exit code and both outputs. */
    public record Result(int exitCode, String out, String err) {
    }

    private HubCommand() {
    }

    public static Result run(Path dataDir, String... args) throws Exception {
        return run(dataDir, Map.of(), args);
    }

    /** With more settings in the environment, as an operator sets them. */
    public static Result run(Path dataDir, Map<String, String> environment, String... args) throws Exception {
        return runWithInput(dataDir, environment, "", args);
    }

    /** With {@code input} on its standard input (piped: no terminal), as {@code echo … | java -jar …} gives it. */
    public static Result runWithInput(Path dataDir, Map<String, String> environment, String input, String... args)
            throws Exception {
        List<String> launch = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                Application.class.getName()));
        launch.addAll(List.of(args));
        Path out = Files.createTempFile("hub-command-", ".out");
        Path err = Files.createTempFile("hub-command-", ".err");
        Path in = Files.writeString(Files.createTempFile("hub-command-", ".in"), input);
        ProcessBuilder builder = new ProcessBuilder(HubJvm.quick(launch)).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(in.toFile());
        builder.environment().put("CONCIERGE_DATA_DIR", dataDir.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
