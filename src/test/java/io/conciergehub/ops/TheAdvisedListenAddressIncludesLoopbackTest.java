package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Caddy (deploy/Caddyfile), Cloudflare Tunnel and Tailscale Funnel forward to 127.0.0.1:8080, and
 * the systemd install checks the hub with curl localhost:8080/health: every CAMEL_SERVER_HOST the
 * README and the env file advise is 127.0.0.1 or 0.0.0.0 (loopback included), never an address
 * such as the tailnet's that would leave them all without the hub.
 */
class TheAdvisedListenAddressIncludesLoopbackTest {

    static final Pattern ADVICE = Pattern.compile("CAMEL_SERVER_HOST`?(?:=| to (?:the )?)`?([\\w.:-]+)");

    @Test
    void everyAdvisedAddressReachesTheHubOnLoopback() throws Exception {
        List<String> advised = new ArrayList<>();
        for (Path file : List.of(Path.of("README.md"), Path.of("deploy/systemd/env.example"))) {
            for (Matcher m = ADVICE.matcher(Files.readString(file).replaceAll("\\s+", " ")); m.find(); ) {
                advised.add(file + ": " + m.group(1));
            }
        }

        assertThat(advised).as("the README's Tailscale advice and the env file's value").hasSizeGreaterThanOrEqualTo(3);
        assertThat(advised).allSatisfy(address -> assertThat(address).matches(".*: (127\\.0\\.0\\.1|0\\.0\\.0\\.0)"));
        assertThat(Files.readString(Path.of("deploy/Caddyfile"))).contains("reverse_proxy 127.0.0.1:8080");
    }
}
