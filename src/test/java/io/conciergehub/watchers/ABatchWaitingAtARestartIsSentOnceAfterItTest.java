package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub stops while a guest's flight notice waits for its batch: nothing was sent, and started
 * again on the same data (SQLite's notice-batches.db, or Redis when configured) it sends the
 * notice once, and the watch does not tell it a second time.
 */
class ABatchWaitingAtARestartIsSentOnceAfterItTest {

    static final Instant SCHEDULED = Instant.parse("2027-03-11T09:05:00Z");
    static final String LUCA = "+393331234521";

    @ParameterizedTest(name = "batches kept in {0}")
    @ValueSource(strings = {"sqlite", "redis"})
    void theWaitingNoticeGoesOnceAfterTheRestart(String store) throws Exception {
        Path dataDir = Files.createTempDirectory("notice-batch-restart-");
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-10T15:00"));
        try (SpokiStub spoki = new SpokiStub(); AeroApiStub aeroapi = new AeroApiStub();
             TestRedis redis = TestRedis.ownServer()) {
            String redisUrl = store.equals("redis") ? redis.url() : "";
            aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED.plus(Duration.ofMinutes(50))));
            try (TestHub hub = start(spoki, aeroapi, clock, dataDir, redisUrl)) {
                Flights.book(hub, "R-1", "Luca Bianchi", LUCA, "it", "2027-03-11", "AZ608");
                Flights.guestWrites(hub, clock, LUCA, "Ciao, arriviamo domani");
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> hub.count("SELECT COUNT(*) FROM flight_notices") == 1);
            }
            assertThat(Flights.notices(spoki, LUCA, "AZ608")).as("sent before the window ended").isEmpty();

            try (TestHub hub = start(spoki, aeroapi, clock, dataDir, redisUrl)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> Flights.notices(spoki, LUCA, "AZ608").size() == 1);
                // The watch, asking again, finds the change told: nothing more goes.
                int asked = aeroapi.questions("AZ608");
                await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("AZ608") >= asked + 2);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                        .until(() -> Flights.notices(spoki, LUCA, "AZ608").size() == 1);
                assertThat(Flights.notices(spoki, LUCA, "AZ608").get(0)).contains("AZ608", "50 minuti");
                assertThat(hub.count("SELECT COUNT(*) FROM outbox WHERE purpose = 'notice'")).isEqualTo(1);
            }
        }
    }

    private static TestHub start(SpokiStub spoki, AeroApiStub aeroapi, TestClock clock, Path dataDir, String redisUrl)
            throws Exception {
        return aeroapi.configure(spoki.configure(TestHub.builder())).clock(clock).dataDir(dataDir)
                .property("flights.answer-cache", "0s").property("flights.far-answer-cache", "0s")
                .property("notifications.batch-window", "5s")
                .property("concierge.redis-url", redisUrl).start();
    }
}
