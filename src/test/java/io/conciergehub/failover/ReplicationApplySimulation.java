package io.conciergehub.failover;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.store.Sql;
import java.lang.management.ManagementFactory;

/**
 * {@code scripts/bench.sh replication}: the passive node's CPU for applying one shipped batch, for
 * batches of 5 and of 40 changes (with a standby at 200 messages/s the active node ships about one
 * batch per grouped acknowledgement, each of a few messages' changes).
 *
 * <p>Two databases with the hub's schema and capture triggers ({@link ReplicatedDatabases}): rows
 * written on the active one are shipped and applied on the passive one with {@link ChangeLog#apply},
 * whose CPU time (this thread's) is what is measured, over the second half of the batches (the first
 * half warms the JIT up).
 */
public final class ReplicationApplySimulation {

    private static final int BATCHES = 2000;

    public static void main(String[] args) throws Exception {
        for (int changes : new int[] {5, 40}) {
            System.out.printf("replication apply: %.3f ms of CPU per batch of %d changes (%d batches)%n",
                    millisPerBatch(changes), changes, BATCHES / 2);
        }
    }

    private static double millisPerBatch(int changesPerBatch) throws Exception {
        ReplicatedDatabases pair = ReplicatedDatabases.open(false);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpuNanos = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            pair.active.write(c -> {
                for (int i = 0; i < changesPerBatch; i++) {
                    Sql.insert(c, "INSERT INTO dead_letters (source, reference, error, created_at) VALUES"
                            + " ('simulation', ?, 'error', 1)", String.valueOf(i));
                }
                return null;
            });
            JsonNode request = ReplicatedDatabases.JSON.readTree(pair.nextBatch().json());
            long started = threads.getCurrentThreadCpuTime();
            pair.passiveLog.apply(request);
            if (batch >= BATCHES / 2) {
                cpuNanos += threads.getCurrentThreadCpuTime() - started;
            }
        }
        pair.close();
        return cpuNanos / 1e6 / (BATCHES / 2);
    }
}
