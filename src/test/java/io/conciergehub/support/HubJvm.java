package io.conciergehub.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code java} command lines tests start the hub with, in a JVM of its own. */
final class HubJvm {

    /**
     * A stopping hub waits for each seda consumer's current poll: at Camel's default of 1 s, its
     * five queues make every stop take 5 s. A suspended seda route may also take a message for up
     * to one poll, which the packaged jar's tests keep at the default, as in production.
     */
    static final String SEDA_POLL_TIMEOUT = "camel.component.seda.default-poll-timeout";
    static final String QUICK_POLL_MILLIS = "100";

    private HubJvm() {
    }

    /** {@code java} and {@code launch} (a jar or a class path and main class, then arguments), as in production. */
    static List<String> asInProduction(List<String> launch) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(launch);
        return command;
    }

    /** Tuned to start and stop quickly, for the many hubs and commands that live a few seconds. */
    static List<String> quick(List<String> launch) {
        // C2's compiling would cost a short-lived JVM more CPU than it gains (half the CPU of a start).
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1",
                "-D" + SEDA_POLL_TIMEOUT + "=" + QUICK_POLL_MILLIS));
        command.addAll(launch);
        return command;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
