package io.conciergehub.support;

import static org.awaitility.Awaitility.await;

import io.conciergehub.Application;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The packaged jar running as its own process, configured only through environment variables. */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HubLog log;

    private HubProcess(Process process, int port, HubLog log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The jar on a free port, its output in a log file of its own ({@link #log()}). */
    public static HubProcess start(String name, Path dataDir, Map<String, String> environment) throws Exception {
        return start(name, dataDir, environment, TestHub.freePort());
    }

    /** The jar on a port chosen beforehand, its output in a log file of its own ({@link #log()}). */
    public static HubProcess start(String name, Path dataDir, Map<String, String> environment, int port)
            throws Exception {
        HubLog log = HubLog.forProcess(name);
        return start(HubJvm.asInProduction(List.of("-jar", System.getProperty("hub.jar", "target/concierge-hub.jar"))),
                dataDir, environment, log, port);
    }

    public static HubProcess start(Path dataDir, Map<String, String> environment, Path log) throws Exception {
        return start(dataDir, environment, log, TestHub.freePort());
    }

    /** On a port chosen beforehand: two nodes need each other's address before either starts. */
    public static HubProcess start(Path dataDir, Map<String, String> environment, Path log, int port)
            throws Exception {
        return start(HubJvm.asInProduction(List.of("-jar", System.getProperty("hub.jar", "target/concierge-hub.jar"))),
                dataDir, environment, HubLog.of(log), port);
    }

    /**
     * {@code Application.main} from the compiled classes, for tests that run before the jar is
     * packaged, logging through the production log4j2.properties (not the tests' configuration).
     */
    public static HubProcess fromClasses(Path dataDir, Map<String, String> environment, Path log) throws Exception {
        return start(HubJvm.quick(List.of("-Dlog4j2.configurationFile=classpath:log4j2.properties", "-cp",
                System.getProperty("java.class.path"), Application.class.getName())), dataDir, environment,
                HubLog.of(log), TestHub.freePort());
    }

    private static HubProcess start(List<String> command, Path dataDir, Map<String, String> environment, HubLog log,
            int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile())).directory(new File("."));
        builder.environment().putAll(environment);
        builder.environment().put("HTTP_PORT", String.valueOf(port));
        builder.environment().put("CONCIERGE_DATA_DIR", dataDir.toString());
        HubProcess hub = new HubProcess(builder.start(), port, log);
        HttpClient http = HttpClient.newHttpClient();
        try {
            // Only a bound for a hub that never starts: four hubs starting at once on a loaded
            // two-core machine (two ITs side by side) took over 30 s to answer.
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .failFast("the hub's process ended", () -> !hub.process.isAlive())
                    .until(() -> http.send(HttpRequest.newBuilder(URI.create(hub.url("/health"))).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        } catch (RuntimeException | Error notReady) {
            // A hub that never got ready must not outlive its test (it would load the machine for the rest).
            hub.process.destroyForcibly().waitFor();
            List<String> lines = log.lines();
            throw new AssertionError("the hub on port " + port + " never answered /health; its log ends:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())), notReady);
        }
        return hub;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** SIGKILL: no shutdown hook, no flush, as when the machine loses power. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** This process's output (its log). */
    public HubLog log() {
        return log;
    }

    /** Stops the process (if the test did not kill it), then checks its log for the tests' secrets. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
        log.assertNoSecrets();
    }
}
