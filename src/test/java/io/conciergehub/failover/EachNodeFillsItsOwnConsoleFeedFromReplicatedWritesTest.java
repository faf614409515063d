package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's live feed (console_events) is not replicated: the standby's own triggers write its
 * rows as it applies the active node's changes to messages and guests, so a console open on either
 * node hears of the same changes, numbered by its node.
 */
class EachNodeFillsItsOwnConsoleFeedFromReplicatedWritesTest {

    private static final ObjectMapper JSON = ReplicatedDatabases.JSON;

    @Test
    void theStandbysTriggersWriteItsFeedAndNoFeedRowIsShipped() throws Exception {
        ReplicatedDatabases pair = ReplicatedDatabases.open(true);

        pair.active.write(c -> {
            long guest = Sql.insert(c, "INSERT INTO guests (phone_hash, phone_enc, created_at, updated_at)"
                    + " VALUES ('h', 'e', 1000, 1000)");
            long message = Sql.insert(c, "INSERT INTO messages (guest_id, direction, provider, body, status, created_at,"
                    + " updated_at) VALUES (?, 'out', 'log', 'x', 'queued', 2000, 2000)", guest);
            Sql.update(c, "UPDATE messages SET status = 'sent', updated_at = 3000 WHERE id = ?", message);
            return Sql.update(c, "UPDATE guests SET needs_attention = 1, attention_reason = 'complaint', updated_at = 4000"
                    + " WHERE id = ?", guest);
        });
        ChangeLog.Batch batch = pair.nextBatch();
        assertThat(batch.json()).doesNotContain("console_events");
        pair.passiveLog.apply(JSON.readTree(batch.json()));

        for (Database node : new Database[] {pair.active, pair.passive}) {
            List<String> feed = node.read(c -> Sql.list(c, "SELECT kind || '@' || at FROM console_events ORDER BY seq",
                    row -> row.getString(1)));
            assertThat(feed).containsExactly("message@2000", "status@3000", "flag@4000");
        }
    }
}
