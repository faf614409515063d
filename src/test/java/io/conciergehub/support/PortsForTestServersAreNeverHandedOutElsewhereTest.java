package io.conciergehub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A test server's port must stay free until the server binds it, while other forks run their own
 * tests: neither the kernel (a client connection, another JVM's {@code ServerSocket(0)}) nor
 * another fork may hand it out meanwhile. And a browser must be able to open it.
 */
class PortsForTestServersAreNeverHandedOutElsewhereTest {

    @Test
    void portsLieBelowTheKernelsEphemeralRangeAndAreNotRepeated() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ports.add(TestHub.freePort());
        }
        assertThat(ports).hasSize(200).allSatisfy(port -> assertThat(port)
                .isGreaterThanOrEqualTo(FreePorts.LOWEST).isLessThan(FreePorts.ephemeralLow()));
    }

    @Test
    void everyForkHasPortsOfItsOwn() {
        assertThat(Integer.getInteger("test.fork")).as("surefire's fork number (pom.xml's argLine)").isPositive();
        int ephemeralLow = FreePorts.ephemeralLow();
        Set<Integer> seen = new HashSet<>();
        for (int fork = 1; fork <= FreePorts.SLICES; fork++) {
            FreePorts.Slice slice = FreePorts.Slice.of(fork, ephemeralLow);
            assertThat(slice.size()).isGreaterThanOrEqualTo(100);
            IntStream.range(slice.first(), slice.end())
                    .forEach(port -> assertThat(seen.add(port)).as("port %d in two forks' slices", port).isTrue());
        }
        assertThat(seen).allSatisfy(port -> assertThat(port).isLessThan(ephemeralLow));
    }

    @Test
    void noForkHandsOutAPortBrowsersRefuseToOpen() {
        int ephemeralLow = FreePorts.ephemeralLow();
        Set<Integer> handedOut = new HashSet<>();
        for (int fork = 1; fork <= FreePorts.SLICES; fork++) {
            FreePorts.Slice slice = FreePorts.Slice.of(fork, ephemeralLow);
            int port = slice.end() - 1;
            for (int i = 0; i < slice.size(); i++) {
                port = slice.after(port);
                handedOut.add(port);
            }
        }
        assertThat(handedOut).as("Chromium's ERR_UNSAFE_PORT").doesNotContain(10080).contains(10079, 10081);
    }
}
