package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Lingua's language models start loading once the hub has said it is ready, not while its routes
 * start: on two cores, loading them then would take the CPU the start needs.
 */
class TheLanguageModelsLoadOnceTheHubIsReadyTest {

    private static final Pattern LOADED = Pattern.compile("event=concierge\\.languages-loaded ms=(\\d+)");

    @Test
    void theModelsStartLoadingAfterTheReadyLine() throws Exception {
        try (TestHub hub = TestHub.builder().start()) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> hub.log().text().contains("event=concierge.languages-loaded"));

            List<String> lines = hub.log().lines();
            String ready = lines.stream().filter(line -> line.contains("event=hub.ready")).findFirst().orElseThrow();
            String loaded = lines.stream().filter(line -> LOADED.matcher(line).find()).findFirst().orElseThrow();
            Matcher took = LOADED.matcher(loaded);
            assertThat(took.find()).isTrue();
            Instant loadingStarted = timeOf(loaded).minusMillis(Long.parseLong(took.group(1)));
            // Both times are whole milliseconds: the start computed from them may be one early.
            assertThat(loadingStarted).isAfterOrEqualTo(timeOf(ready).minusMillis(1));
        }
    }

    /** A log line's time: {@code 2026-12-05T13:07:33,556Z ...}. */
    private static Instant timeOf(String line) {
        return Instant.parse(line.substring(0, line.indexOf(' ')).replace(',', '.'));
    }
}
