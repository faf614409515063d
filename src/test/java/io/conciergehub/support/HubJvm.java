package io.conciergehub.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How tests launch the hub in a JVM of its own: as an operator does, tuned only to start and stop quickly. */
final class HubJvm {

    /**
     * A stopping hub waits for each seda consumer's current poll: at Camel's default of 1 s, its
     * five queues make every stop take 5 s.
     */
    static final String SEDA_POLL_TIMEOUT = "camel.component.seda.default-poll-timeout";
    static final String QUICK_POLL_MILLIS = "100";

    private HubJvm() {
    }

    /** {@code java} with {@code launch} (a jar or a class path and main class, then arguments). */
    static List<String> command(List<String> launch) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A test's hub lives seconds: C2's compiling would cost more CPU than it gains.
                "-XX:TieredStopAtLevel=1", "-D" + SEDA_POLL_TIMEOUT + "=" + QUICK_POLL_MILLIS));
        command.addAll(launch);
        return command;
    }
}
