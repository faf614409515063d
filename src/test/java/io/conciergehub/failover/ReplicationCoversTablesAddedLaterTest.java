package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A table a later migration adds (here: a journey-notice table, as a later flow will) is captured
 * and replicated by the generated triggers without a line of replication code, and applying a
 * batch twice changes nothing the second time.
 */
class ReplicationCoversTablesAddedLaterTest {

    private static final ObjectMapper JSON = ReplicatedDatabases.JSON;

    @Test
    void aNewTableIsShippedAndAppliedInOrderAndOnce() throws Exception {
        // What a later Flyway migration would do.
        ReplicatedDatabases pair = ReplicatedDatabases.open(true, "CREATE TABLE journey_notices (id INTEGER PRIMARY KEY,"
                + " booking_ref TEXT NOT NULL, kind TEXT NOT NULL, sent_at INTEGER)");

        pair.active.write(c -> {
            Sql.insert(c, "INSERT INTO journey_notices (booking_ref, kind) VALUES ('HM1', 'pre-arrival')");
            Sql.insert(c, "INSERT INTO journey_notices (booking_ref, kind) VALUES ('HM2', 'check-out')");
            Sql.update(c, "UPDATE journey_notices SET sent_at = 1700000000000 WHERE booking_ref = 'HM1'");
            return Sql.update(c, "DELETE FROM journey_notices WHERE booking_ref = 'HM2'");
        });
        ChangeLog.Batch batch = pair.nextBatch();
        assertThat(batch.size()).as("insert, insert, update, delete").isEqualTo(4);

        ChangeLog.Position applied = pair.passiveLog.apply(JSON.readTree(batch.json()));
        ChangeLog.Position again = pair.passiveLog.apply(JSON.readTree(batch.json()));

        assertThat(applied.appliedSeq()).isEqualTo(batch.lastSeq());
        assertThat(again).isEqualTo(applied);
        List<String> notices = pair.passive.read(c -> Sql.list(c, "SELECT booking_ref || ':' || kind || ':' || sent_at"
                + " FROM journey_notices", row -> row.getString(1)));
        assertThat(notices).containsExactly("HM1:pre-arrival:1700000000000");
        assertThat(pair.passiveLog.lastSeq()).as("what the passive node applies is not captured again").isZero();
    }

    @Test
    void aColumnAddedAfterBatchesWereAppliedIsAppliedToo() throws Exception {
        ReplicatedDatabases pair = ReplicatedDatabases.open(true,
                "CREATE TABLE journey_notices (id INTEGER PRIMARY KEY, kind TEXT NOT NULL)");
        pair.active.write(c -> Sql.insert(c, "INSERT INTO journey_notices (kind) VALUES ('pre-arrival')"));
        pair.passiveLog.apply(JSON.readTree(pair.nextBatch().json()));

        pair.changeSchema("ALTER TABLE journey_notices ADD COLUMN sent_at INTEGER");
        pair.active.write(c -> Sql.update(c, "UPDATE journey_notices SET sent_at = 1700000000000"));
        pair.passiveLog.apply(JSON.readTree(pair.nextBatch().json()));

        long sentAt = pair.passive.read(c -> Sql.count(c, "SELECT sent_at FROM journey_notices"));
        assertThat(sentAt).isEqualTo(1700000000000L);
    }

    @Test
    void aBatchThatSkipsChangesOrNamesAnUnknownTableIsRefused() throws Exception {
        Database passive = Database.open(Files.createTempDirectory("hub-passive-"), true);
        new ChangeCapture(passive).install();
        ChangeLog passiveLog = new ChangeLog(passive, JSON);
        passiveLog.follow("node-a", 10);

        assertThatThrownBy(() -> passiveLog.apply(JSON.readTree(
                "{\"source\":\"node-a\",\"epoch\":1,\"after\":20,\"changes\":[]}")))
                .isInstanceOf(ChangeLog.OutOfSequence.class);
        assertThatThrownBy(() -> passiveLog.apply(JSON.readTree(
                "{\"source\":\"node-b\",\"epoch\":1,\"after\":10,\"changes\":[]}")))
                .as("another node's log").isInstanceOf(ChangeLog.OutOfSequence.class);
        assertThatThrownBy(() -> passiveLog.apply(JSON.readTree("{\"source\":\"node-a\",\"epoch\":1,\"after\":10,"
                + "\"changes\":[{\"seq\":11,\"table\":\"replication\",\"op\":\"upsert\",\"key\":{\"id\":1},"
                + "\"row\":{\"id\":1,\"capturing\":1}}]}")))
                .isInstanceOf(ChangeLog.NotReplicated.class);
        assertThat(passiveLog.position()).isEqualTo(new ChangeLog.Position("node-a", 10));
    }
}
