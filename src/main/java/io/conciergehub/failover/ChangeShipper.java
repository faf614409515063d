package io.conciergehub.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active node's side of replication, for the {@code failover-ship} routes: the next batch of
 * the change log, what the peer answered, a snapshot when the peer cannot continue from the log,
 * and the wait an outbox send makes until the peer knows the send is starting.
 */
public final class ChangeShipper {

    static final int BATCH_SIZE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeShipper.class);

    private final Failover failover;
    private final NodeState state;
    private final ChangeLog log;
    private final Snapshots snapshots;
    private final ObjectMapper json;
    private final Duration syncTimeout;
    private ProducerTemplate nudges;
    private final Object shipped = new Object();
    private volatile long ackedSeq;
    private volatile boolean needsSnapshot;
    // Pruning is a write on the busy database: once per PRUNE_EVERY acknowledged changes is enough.
    private static final int PRUNE_EVERY = 1000;
    private long prunedUpTo;

    public ChangeShipper(Failover failover, NodeState state, ChangeLog log, Snapshots snapshots, ObjectMapper json,
            Duration syncTimeout) {
        this.failover = failover;
        this.state = state;
        this.log = log;
        this.snapshots = snapshots;
        this.json = json;
        this.syncTimeout = syncTimeout;
        this.ackedSeq = state.peerAckedSeq();
    }

    /** Where {@link #awaitPeer} wakes the shipping route instead of waiting for its timer. */
    public void nudgeThrough(ProducerTemplate template) {
        this.nudges = template;
    }

    /** The next batch to ship, or null when there is nothing (or this node does not ship). */
    public String nextBatch() {
        if (!failover.ships() || needsSnapshot) {
            return null;
        }
        Failover.Peer peer = failover.peer();
        if (peer != null && !peer.active() && !failover.nodeId().equals(peer.following())) {
            // The peer follows another log (it was active itself, or is new): it starts from a snapshot.
            needsSnapshot = true;
            return null;
        }
        ChangeLog.Batch batch = log.batchAfter(ackedSeq, BATCH_SIZE, failover.nodeId(), failover.epoch(),
                failover.keyFingerprint());
        return batch == null ? null : batch.json();
    }

    public boolean needsSnapshot() {
        // A snapshot is a copy of the whole database: only for a peer that answers.
        return needsSnapshot && failover.ships() && failover.peerReachable();
    }

    /**
     * The peer's answer to a batch. 2xx: its new position. 409: the batch does not continue from
     * where the peer is: go back to its position if this log still has it, else send a snapshot.
     *
     * @return whether to ship on (more may be waiting)
     */
    public boolean onShipped(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body String body) throws Exception {
        if (status == null || (status != 409 && (status < 200 || status >= 300))) {
            failover.peerUnreachable("sync answered " + status);
            return false;
        }
        JsonNode answer = json.readTree(body);
        boolean follows = failover.nodeId().equals(answer.path("following").asText());
        long applied = answer.path("appliedSeq").asLong();
        if (status != 409 && follows) {
            acknowledged(applied, false);
        }
        failover.learnFrom(answer);
        if (!failover.ships()) {
            return false; // the answer carried a higher epoch: fenced
        }
        if (status == 409) {
            Long oldest = log.oldestSeq();
            if (follows && (oldest == null || applied >= oldest - 1)) {
                acknowledged(applied, true);
                return true;
            }
            needsSnapshot = true;
            LOG.info("event=replication.snapshot-needed peerFollowing={} peerApplied={}", follows, applied);
            return false;
        }
        return true;
    }

    /** The offer of a fresh snapshot to the peer (it downloads the file from this node). */
    public String snapshotRequest() throws Exception {
        Snapshots.Snapshot snapshot = snapshots.take();
        return json.writeValueAsString(Map.of("source", failover.nodeId(), "epoch", failover.epoch(),
                "name", snapshot.file().getFileName().toString(), "sha256", snapshot.sha256(),
                "position", snapshot.position(), "keyFingerprint", failover.keyFingerprint()));
    }

    public void onSnapshotInstalled(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body String body)
            throws Exception {
        if (status != null && status == 409) {
            failover.learnFrom(json.readTree(body)); // a higher epoch, or another key: the peer says which
        }
        if (status == null || status < 200 || status >= 300) {
            throw new IllegalStateException("the peer refused the snapshot: " + status + " " + body);
        }
        JsonNode answer = json.readTree(body);
        failover.learnFrom(answer);
        needsSnapshot = false;
        acknowledged(answer.path("appliedSeq").asLong(), true);
        LOG.info("event=replication.snapshot-installed-at-peer position={}", ackedSeq);
    }

    /**
     * Waiting sends go on first: every millisecond between the peer's commit and the send is a
     * moment in which a crash leaves a send that the peer knows of but the provider never got.
     * Then the position is kept (for the salvage after a crash) and the log pruned now and then.
     *
     * @param rewind the peer went back (it lost changes or installed a snapshot): accept a lower position
     */
    private void acknowledged(long seq, boolean rewind) {
        if (seq < ackedSeq && !rewind) {
            return; // an answer overtaken by a newer one
        }
        synchronized (shipped) {
            ackedSeq = seq;
            shipped.notifyAll();
        }
        state.peerAckedSeq(seq);
        if (rewind || seq - prunedUpTo >= PRUNE_EVERY) {
            log.prune(seq);
            prunedUpTo = seq;
        }
    }

    /** The peer follows this node's log from {@code seq} on: it took this node's state in a hand-over. */
    public void peerFollowsFrom(long seq) {
        needsSnapshot = false;
        acknowledged(seq, true);
    }

    public boolean allShipped() {
        return ackedSeq >= log.lastSeq();
    }

    /**
     * Before an outbox send: wait until the peer has every change so far, the start of this send
     * included, so that a standby promoted a moment later knows the message may be out and never
     * sends it again. Does not wait when there is no peer or it is unreachable (the send goes out;
     * the guarantee is then the one of a partition, see the README).
     */
    public void awaitPeer() throws InterruptedException {
        if (!failover.peerConfigured() || !failover.peerReachable() || !failover.ships() || needsSnapshot) {
            return;
        }
        long target = log.lastSeq();
        long deadline = System.nanoTime() + syncTimeout.toNanos();
        if (nudges != null) {
            nudges.sendBody("seda:failover-ship?waitForTaskToComplete=Never&discardWhenFull=true", "nudge");
        }
        synchronized (shipped) {
            while (ackedSeq < target && failover.peerReachable() && failover.ships()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("event=replication.sync-timeout target={} acked={}", target, ackedSeq);
                    return;
                }
                shipped.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
