package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The passive node applies a shipped row by its primary key: the row with that key is updated in
 * place, or inserted, and a change that does not name the key is refused. A row the active node
 * wrote with {@code INSERT OR REPLACE} over another row's unique value replaces that row on the
 * passive node too, although the active node's log has no delete for it (SQLite fires no trigger
 * for a row REPLACE deletes).
 */
class AShippedRowIsAppliedByItsKeyTest {

    private static final String BADGES = "CREATE TABLE badges (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
            + " holder TEXT)";

    @Test
    void anUpdatedRowKeepsItsKeyAndTakesTheNewValues() throws Exception {
        ReplicatedDatabases pair = ReplicatedDatabases.open(false, BADGES);
        pair.active.write(c -> Sql.insert(c, "INSERT INTO badges (code, holder) VALUES ('A', 'front desk')"));
        pair.active.write(c -> Sql.update(c, "UPDATE badges SET holder = 'night porter' WHERE code = 'A'"));

        applyWhatTheActiveNodeShips(pair);

        assertThat(badges(pair)).containsExactly("1:A:night porter");
    }

    @Test
    void aRowThatReplacedAnotherRowByItsUniqueValueReplacesItOnThePassiveNodeToo() throws Exception {
        ReplicatedDatabases pair = ReplicatedDatabases.open(false, BADGES);
        pair.active.write(c -> Sql.insert(c, "INSERT INTO badges (code, holder) VALUES ('A', 'front desk')"));
        applyWhatTheActiveNodeShips(pair);

        pair.active.write(c -> Sql.update(c, "INSERT OR REPLACE INTO badges (id, code, holder)"
                + " VALUES (2, 'A', 'housekeeping')"));
        applyWhatTheActiveNodeShips(pair);

        assertThat(badges(pair.active)).containsExactly("2:A:housekeeping");
        assertThat(badges(pair)).isEqualTo(badges(pair.active));

        pair.active.write(c -> Sql.update(c, "UPDATE badges SET holder = 'night porter' WHERE id = 2"));
        applyWhatTheActiveNodeShips(pair);
        assertThat(badges(pair)).as("the next change of the same shape").containsExactly("2:A:night porter");
    }

    @Test
    void aRowWithoutItsKeyIsRefused() throws Exception {
        ReplicatedDatabases pair = ReplicatedDatabases.open(false, BADGES);
        String keyless = "{\"source\":\"node-a\",\"epoch\":1,\"after\":0,\"changes\":[{\"seq\":1,"
                + "\"table\":\"badges\",\"op\":\"upsert\",\"key\":{},\"row\":{\"code\":\"B\"}}]}";

        assertThatThrownBy(() -> pair.passiveLog.apply(ReplicatedDatabases.JSON.readTree(keyless)))
                .isInstanceOf(ChangeLog.NotReplicated.class);
        assertThat(badges(pair)).isEmpty();
    }

    private static void applyWhatTheActiveNodeShips(ReplicatedDatabases pair) throws Exception {
        pair.passiveLog.apply(ReplicatedDatabases.JSON.readTree(pair.nextBatch().json()));
    }

    /** The passive node's badges. */
    private static List<String> badges(ReplicatedDatabases pair) {
        return badges(pair.passive);
    }

    private static List<String> badges(Database db) {
        return db.read(c -> Sql.list(c, "SELECT id || ':' || code || ':' || holder FROM badges ORDER BY id",
                row -> row.getString(1)));
    }
}
