package io.conciergehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Ports for the tests' servers that nothing else hands out before the server binds them. A port
 * read off {@code new ServerSocket(0)} is free only until that socket closes: the kernel may then
 * give it to a client connection or to another test JVM's {@code ServerSocket(0)} (seen in CI: a
 * hub's request answered by another fork's GreenMail). So the ports come from below the kernel's
 * ephemeral range, which it never hands out by itself, from a slice of their own for each surefire
 * fork ({@code test.fork}, set from {@code surefire.forkNumber}), in turn, each checked bindable.
 * A port browsers refuse to open is never handed out: the console's tests open the hub in Chromium.
 */
public final class FreePorts {

    static final int LOWEST = 10_000;
    /** Slices the range is cut into; forks beyond this share a slice (the bind check still holds). */
    static final int SLICES = 8;
    /**
     * Ports in the range that Chromium and Firefox refuse to open (ERR_UNSAFE_PORT, Chromium's
     * net/base/port_util.cc): the page is an error page and no request reaches the server. Seen in
     * CI: a console test whose hub got 10080 waited in vain for the login form.
     */
    static final Set<Integer> REFUSED_BY_BROWSERS = Set.of(10080);
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Where Linux starts its ephemeral range unless told otherwise. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;

    private static final Slice slice = Slice.of(Integer.getInteger("test.fork", 1), ephemeralLow());
    /** The slice's first port a browser opens: the one after its last, round. */
    private static int next = slice.after(slice.end() - 1);

    private FreePorts() {
    }

    /** A port no server listens on, not handed out before by this JVM (until its slice wraps round). */
    public static synchronized int next() {
        for (int tried = 0; tried < slice.size(); tried++) {
            int port = next;
            next = slice.after(port);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + slice);
    }

    /** The ports one fork hands out: [first, end). */
    record Slice(int first, int end) {

        static Slice of(int fork, int ephemeralLow) {
            int size = (ephemeralLow - LOWEST) / SLICES;
            if (size < 100) {
                throw new IllegalStateException("the kernel's ephemeral ports start at " + ephemeralLow
                        + ": too few ports below them for the tests' servers");
            }
            int first = LOWEST + Math.floorMod(fork - 1, SLICES) * size;
            return new Slice(first, first + size);
        }

        int size() {
            return end - first;
        }

        /** The port handed out after {@code port}: the next one up, round to the first, none that browsers refuse. */
        int after(int port) {
            int candidate = port;
            do {
                candidate = candidate + 1 < end ? candidate + 1 : first;
            } while (REFUSED_BY_BROWSERS.contains(candidate));
            return candidate;
        }
    }

    static int ephemeralLow() {
        try {
            // Not readString: /proc reports a size of 0, and readString then returned the first byte only.
            return Files.exists(EPHEMERAL_RANGE)
                    ? Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0])
                    : DEFAULT_EPHEMERAL_LOW;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
