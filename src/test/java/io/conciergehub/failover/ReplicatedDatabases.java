package io.conciergehub.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.nio.file.Files;

/**
 * Two databases paired the way a primary and its standby are, below the routes: both capture
 * their writes (the hub's triggers, installed after {@code ddl}, as after a later migration), and
 * the passive one follows the active one's log from its start. What the active node writes reaches the passive one
 * through {@link #nextBatch} and {@link ChangeLog#apply}, as it would through the peer API.
 */
final class ReplicatedDatabases {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "node-a";

    final Database active;
    final Database passive;
    final ChangeLog activeLog;
    final ChangeLog passiveLog;

    private ReplicatedDatabases(Database active, Database passive) {
        this.active = active;
        this.passive = passive;
        this.activeLog = new ChangeLog(active, JSON);
        this.passiveLog = new ChangeLog(passive, JSON);
    }

    /** @param durableAcks as {@link Database#open(java.nio.file.Path, boolean)}; {@code ddl} runs on both first */
    static ReplicatedDatabases open(boolean durableAcks, String... ddl) throws Exception {
        ReplicatedDatabases pair = new ReplicatedDatabases(Database.open(Files.createTempDirectory("hub-active-"),
                durableAcks), Database.open(Files.createTempDirectory("hub-passive-"), durableAcks));
        pair.changeSchema(ddl);
        for (Database db : new Database[] {pair.active, pair.passive}) {
            new ChangeCapture(db).capture(true);
        }
        pair.passiveLog.follow(SOURCE, 0);
        return pair;
    }

    /** Runs {@code ddl} on both nodes and (re)installs their triggers, as a start after a migration does. */
    void changeSchema(String... ddl) {
        for (Database db : new Database[] {active, passive}) {
            for (String statement : ddl) {
                db.write(c -> Sql.update(c, statement));
            }
            new ChangeCapture(db).install();
        }
    }

    /** What the active node would ship next: its changes after the passive node's position. */
    ChangeLog.Batch nextBatch() {
        return activeLog.batchAfter(passiveLog.position().appliedSeq(), 1000, SOURCE, 1, "0123456789abcdef");
    }

    void close() {
        active.close();
        passive.close();
    }
}
