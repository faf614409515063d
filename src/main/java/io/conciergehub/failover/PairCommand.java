package io.conciergehub.failover;

import io.conciergehub.store.DataDirLock;
import io.conciergehub.store.Database;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The operator's {@code re-pair} sub-command: this node forgets the peer it is paired with, and
 * pairs with the next node whose signed call it accepts (a standby rebuilt with a new data
 * directory has a new node id). Refused while a hub runs on the data directory.
 */
public final class PairCommand {

    private final Path dataDir;
    private final PrintStream out;
    private final PrintStream err;

    public PairCommand(Path dataDir, PrintStream out, PrintStream err) {
        this.dataDir = dataDir;
        this.out = out;
        this.err = err;
    }

    public int rePair() {
        DataDirLock lock;
        try {
            lock = DataDirLock.acquire(dataDir);
        } catch (IllegalStateException running) {
            err.println("re-pair refused: " + running.getMessage() + "; stop it first");
            return 1;
        }
        try (lock; Database nodeDb = NodeState.open(dataDir)) {
            NodeState state = new NodeState(nodeDb);
            String forgotten = state.pairedPeer().orElse(null);
            state.forgetPeer();
            out.println(forgotten == null ? "this node was not paired; it pairs with the first peer that calls"
                    : "forgot peer " + forgotten + "; this node pairs with the next peer that calls");
            return 0;
        }
    }
}
