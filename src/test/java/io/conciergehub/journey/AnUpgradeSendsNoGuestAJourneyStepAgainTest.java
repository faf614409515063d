package io.conciergehub.journey;

import static io.conciergehub.journey.Journeys.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.OlderSchema;
import io.conciergehub.store.Sql;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/**
 * A hub upgraded while its steps were recorded once per booking (before V25 recorded the day each
 * named) sends none of them again: the welcome and the check-in instructions a guest got before
 * the upgrade count for the stay's dates, and the check-out message still goes on its morning. So
 * do the steps still waiting to be shipped to the peer (a standby down at the upgrade): they reach
 * it with their day, and it would not send them again after a failover.
 */
class AnUpgradeSendsNoGuestAJourneyStepAgainTest {

    static final String PHONE = "+393331234581";

    @Test
    void theStepsSentBeforeTheUpgradeAreNotSentAgain() throws Exception {
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-03T10:05"));
        Path dataDir = welcomedAndInstructedBeforeTheUpgrade(clock.millis());

        try (SpokiStub spoki = new SpokiStub(); TestHub hub = Journeys.stepTemplates(Journeys.everySecond(
                spoki.configure(TestHub.builder()), clock)).dataDir(dataDir).start()) {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> templates(spoki, PHONE).isEmpty());

            clock.moveTo(LocalDateTime.parse("2027-03-08T08:30"));
            await().atMost(Duration.ofSeconds(20)).until(() -> templates(spoki, PHONE).size() == 1);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> templates(spoki, PHONE).size() == 1);
            assertThat(templates(spoki, PHONE).get(0).path("template").asLong()).isEqualTo(1003);
        }
    }

    @Test
    void theStepsWaitingToBeShippedCarryTheirDay() throws Exception {
        Path dataDir = welcomedAndInstructedBeforeTheUpgrade(System.currentTimeMillis());
        try (Connection c = OlderSchema.at(dataDir, "24").getConnection()) {
            Sql.update(c, "INSERT INTO change_log (tbl, op, row_key, row_data, at) SELECT 'journey_steps', 'upsert',"
                    + " json_object('id', id), json_object('id', id, 'booking_id', booking_id, 'step', step,"
                    + " 'outbox_id', outbox_id, 'sent_at', sent_at), 0 FROM journey_steps");
        }
        try (Connection c = OlderSchema.at(dataDir, "25").getConnection()) {
            assertThat(Sql.list(c, "SELECT json_extract(row_data, '$.step') || ' ' || json_extract(row_data, '$.day')"
                    + " FROM change_log ORDER BY seq", row -> row.getString(1)))
                    .containsExactly("welcome 2027-03-05", "pre-arrival 2027-03-05");
        }
    }

    /**
     * A data directory at V24 (the schema before the steps' days) with a stay from the 5th to the
     * 8th whose welcome and check-in instructions went out.
     */
    private static Path welcomedAndInstructedBeforeTheUpgrade(long now) throws Exception {
        Path dir = Files.createTempDirectory("hub-journey-v24-");
        FieldCrypto crypto = FieldCrypto.fromConfiguredKeyOrFile("", dir);
        SQLiteDataSource file = OlderSchema.at(dir, "24");
        long booked = now - Duration.ofDays(10).toMillis();
        try (Connection c = file.getConnection()) {
            Sql.update(c, "INSERT INTO guests (id, phone_hash, phone_enc, name, language, created_at, updated_at)"
                    + " VALUES (1, ?, ?, ?, 'it', ?, ?)", crypto.blindIndex(PHONE), crypto.encrypt(PHONE),
                    crypto.seal("Mario Rossi"), booked, booked);
            Sql.update(c, "INSERT INTO bookings (id, guest_id, source, external_id, arrival, departure, created_at,"
                    + " updated_at) VALUES (1, 1, 'direct', 'U-1', '2027-03-05', '2027-03-08', ?, ?)", booked, booked);
            Sql.update(c, "INSERT INTO journey_steps (booking_id, step, sent_at) VALUES (1, 'welcome', ?),"
                    + " (1, 'pre-arrival', ?)", booked, now - 300_000);
        }
        return dir;
    }
}
