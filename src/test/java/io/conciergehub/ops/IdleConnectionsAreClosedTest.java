package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.RawConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection that stays silent for http.idle-timeout is closed by the hub, so that idle or
 * stalled clients cannot hold its connections open for ever.
 */
class IdleConnectionsAreClosedTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("http.idle-timeout", "1s"));

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawConnection silent = RawConnection.to(env.hub())) {
            await().atLeast(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(silent::closedByServer);

            assertThat(silent.received()).isEmpty();
        }
    }

    @Test
    void aKeptAliveConnectionIsClosedAfterTheIdleTimeoutOnceItsRequestIsAnswered() throws Exception {
        try (RawConnection keptAlive = RawConnection.to(env.hub())) {
            keptAlive.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> !keptAlive.closedByServer()
                    && keptAlive.received().contains("{\"status\":\"UP\"}"));
            await().atLeast(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(keptAlive::closedByServer);

            assertThat(keptAlive.received()).startsWith("HTTP/1.1 200");
        }
    }
}
