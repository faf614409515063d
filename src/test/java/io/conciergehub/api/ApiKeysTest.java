package io.conciergehub.api;

import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTest {

    @Test
    void metricsNeedAnApiKeyInEitherHeader() throws Exception {
        try (TestHub hub = TestHub.builder().start()) {
            String body = Webhooks.spokiInbound("+393360000001", "Where can I park?");
            hub.postSpoki(body);

            assertThat(hub.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(hub.get("/metrics", "X-API-Key", "wrong").statusCode()).isEqualTo(401);
            assertThat(hub.get("/metrics", "Authorization", "Bearer " + TestHub.API_KEY).statusCode()).isEqualTo(200);
            String metrics = hub.get("/metrics", "X-API-Key", TestHub.API_KEY).body();
            assertThat(metrics).contains("concierge_messages_in_total{provider=\"spoki\"} 1.0",
                    "concierge_webhook_latency_seconds_bucket", "concierge_inbound_pending", "concierge_outbox_depth",
                    "concierge_dead_letters",
                    "camel_exchanges_total");
        }
    }

    @Test
    void withoutConfiguredKeysOneIsGeneratedPrintedOnceAndStoredOnlyAsAHash() throws Exception {
        Path dir = Files.createTempDirectory("keys-");
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ApiKeys first;
        ApiKeys second;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            first = ApiKeys.fromConfiguredOrGenerated("", dir);
            second = ApiKeys.fromConfiguredOrGenerated("", dir);
        } finally {
            System.setOut(console);
        }

        Matcher key = Pattern.compile("chk_[A-Za-z0-9_-]{32}").matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(key.find()).as("the key is printed").isTrue();
        String generated = key.group();
        assertThat(key.find()).as("and only once").isFalse();
        String stored = Files.readString(dir.resolve(ApiKeys.HASH_FILE));
        assertThat(stored).doesNotContain(generated).matches("[0-9a-f]{64}\\s*");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ApiKeys.HASH_FILE))))
                .isEqualTo("rw-------");
        assertThat(first.identify(generated).isPresent()).isTrue();
        assertThat(second.identify(generated).isPresent()).as("valid after a restart").isTrue();
        assertThat(second.identify(generated + "x").isPresent()).isFalse();
    }
}
