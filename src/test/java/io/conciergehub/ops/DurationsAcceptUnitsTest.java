package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations read as an operator writes them: with a unit, in ISO-8601, or as plain milliseconds. */
class DurationsAcceptUnitsTest {

    @Test
    void everyFormReadsAsTheSameDuration() {
        for (String threeSeconds : new String[] {"3s", "3000ms", "3000", "PT3S", "pt3s", " 3s "}) {
            assertThat(Settings.parseDuration(threeSeconds)).as(threeSeconds).isEqualTo(Duration.ofSeconds(3));
        }
        assertThat(Settings.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Settings.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Settings.parseDuration("7d")).isEqualTo(Settings.parseDuration("P7D"));
        for (String unreadable : new String[] {"3 seconds", "3x", "-3s", "", "s"}) {
            assertThatThrownBy(() -> Settings.parseDuration(unreadable)).as(unreadable)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aHubStartsWithDurationsInEveryForm() throws Exception {
        try (TestHub hub = TestHub.builder().property("failover.timeout", "3m").property("failover.heartbeat-interval",
                        "PT10S").property("concierge.sweep-interval", "2s").property("backup.interval", "1h")
                .property("messaging.circuit.open-duration", "30000").property("backup.retention", "7d").start()) {
            assertThat(hub.get("/health").statusCode()).isEqualTo(200);
        }
    }
}
