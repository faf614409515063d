package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conciergehub.store.Sql;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The passive node applies a shipped row by its primary key: the row with that key is updated in
 * place, or inserted; a change that does not name the key is refused. A row whose other unique
 * value is already another row's (a log that does not fit this copy) is refused, batch and all,
 * instead of turning that other row into this one.
 */
class AShippedRowNeverTakesOverAnotherRowTest {

    private static final String BADGES = "CREATE TABLE badges (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
            + " holder TEXT)";

    @Test
    void anUpdatedRowKeepsItsKeyAndTakesTheNewValues() throws Exception {
        ReplicatedDatabases pair = ReplicatedDatabases.open(false, BADGES);
        pair.active.write(c -> Sql.insert(c, "INSERT INTO badges (code, holder) VALUES ('A', 'front desk')"));
        pair.active.write(c -> Sql.update(c, "UPDATE badges SET holder = 'night porter' WHERE code = 'A'"));

        pair.passiveLog.apply(ReplicatedDatabases.JSON.readTree(pair.nextBatch().json()));

        assertThat(badges(pair)).containsExactly("1:A:night porter");
    }

    @Test
    void aRowWhoseUniqueValueIsAnotherRowsIsRefused() throws Exception {
        ReplicatedDatabases pair = ReplicatedDatabases.open(false, BADGES);
        pair.active.write(c -> Sql.insert(c, "INSERT INTO badges (code, holder) VALUES ('A', 'front desk')"));
        ChangeLog.Position before = pair.passiveLog.apply(ReplicatedDatabases.JSON.readTree(pair.nextBatch().json()));

        // Badge 2 with badge 1's code, and no change that freed the code first.
        String notFitting = "{\"source\":\"node-a\",\"epoch\":1,\"after\":" + before.appliedSeq() + ",\"changes\":[{"
                + "\"seq\":" + (before.appliedSeq() + 1) + ",\"table\":\"badges\",\"op\":\"upsert\",\"key\":{\"id\":2},"
                + "\"row\":{\"id\":2,\"code\":\"A\",\"holder\":\"housekeeping\"}}]}";

        assertThatThrownBy(() -> pair.passiveLog.apply(ReplicatedDatabases.JSON.readTree(notFitting)))
                .hasMessageContaining("UNIQUE");
        assertThat(badges(pair)).containsExactly("1:A:front desk");
        assertThat(pair.passiveLog.position()).isEqualTo(before);
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

    private static List<String> badges(ReplicatedDatabases pair) {
        return pair.passive.read(c -> Sql.list(c, "SELECT id || ':' || code || ':' || holder FROM badges ORDER BY id",
                row -> row.getString(1)));
    }
}
