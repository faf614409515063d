package io.conciergehub.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;

/**
 * {@code scripts/bench.sh replication}: the passive node's CPU for applying one shipped batch, for
 * batches of 5 and of 40 changes (with a standby at 200 messages/s the active node ships about one
 * batch per grouped acknowledgement, each of a few messages' changes).
 *
 * <p>Two databases on SQLite files with the hub's schema and capture triggers, as a pair has them:
 * rows written on the active one are shipped with {@link ChangeLog#batchAfter} and applied on the
 * passive one with {@link ChangeLog#apply}, whose CPU time (this thread's) is what is measured,
 * over the second half of the batches (the first half warms the JIT up).
 */
public final class ReplicationApplySimulation {

    private static final int BATCHES = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        for (int changes : new int[] {5, 40}) {
            System.out.printf("replication apply: %.3f ms of CPU per batch of %d changes (%d batches)%n",
                    millisPerBatch(changes), changes, BATCHES / 2);
        }
    }

    private static double millisPerBatch(int changesPerBatch) throws Exception {
        Database active = Database.open(Files.createTempDirectory("hub-active-"), false);
        Database passive = Database.open(Files.createTempDirectory("hub-passive-"), false);
        for (Database db : new Database[] {active, passive}) {
            new ChangeCapture(db).install();
            new ChangeCapture(db).capture(true);
        }
        ChangeLog shipped = new ChangeLog(active, JSON);
        ChangeLog applied = new ChangeLog(passive, JSON);
        applied.follow("node-a", 0);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long after = 0;
        long cpuNanos = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            active.write(c -> {
                for (int i = 0; i < changesPerBatch; i++) {
                    Sql.insert(c, "INSERT INTO dead_letters (source, reference, error, created_at) VALUES"
                            + " ('simulation', ?, 'error', 1)", String.valueOf(i));
                }
                return null;
            });
            ChangeLog.Batch next = shipped.batchAfter(after, 1000, "node-a", 1, "0123456789abcdef");
            JsonNode request = JSON.readTree(next.json());
            long started = threads.getCurrentThreadCpuTime();
            applied.apply(request);
            if (batch >= BATCHES / 2) {
                cpuNanos += threads.getCurrentThreadCpuTime() - started;
            }
            after = next.lastSeq();
        }
        active.close();
        passive.close();
        return cpuNanos / 1e6 / (BATCHES / 2);
    }
}
