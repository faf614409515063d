package io.conciergehub.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code java} command lines tests start the hub with, in a JVM of its own. */
final class HubJvm {

    private HubJvm() {
    }

    /** {@code java} and {@code launch} (a jar or a class path and main class, then arguments), as in production. */
    static List<String> asInProduction(List<String> launch) {
        List<String> command = java();
        command.addAll(launch);
        return command;
    }

    /** Tuned to start and stop quickly, for the many hubs and commands that live a few seconds. */
    static List<String> quick(List<String> launch) {
        // C2's compiling would cost a short-lived JVM more CPU than it gains (half the CPU of a start).
        List<String> command = java();
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(launch);
        return command;
    }

    /**
     * The tests' own Java, with what it needs for the hub's libraries, as scripts/java.sh gives it:
     * from Java 24 on, leave to use native code (SQLite's driver; a class path has no jar manifest
     * to allow it) and sun.misc.Unsafe (Netty) without a warning at every start.
     */
    private static List<String> java() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 24) {
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        }
        return command;
    }
}
