package io.conciergehub.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
    private static final CompletableFuture<Void> NO_WAIT = CompletableFuture.completedFuture(null);
    // Sends waiting for the peer, by the position each needs acknowledged; they hold no thread.
    private final ConcurrentSkipListSet<Waiting> waiting = new ConcurrentSkipListSet<>();
    private final AtomicLong waitingIds = new AtomicLong();
    private final ExecutorService released;
    private final ScheduledExecutorService deadlines;
    private volatile long ackedSeq;
    private volatile boolean needsSnapshot;
    // Pruning is a write on the busy database: once per PRUNE_EVERY acknowledged changes is enough.
    private static final int PRUNE_EVERY = 1000;
    private long prunedUpTo;

    /**
     * @param released the threads a send the peer released goes on with (its provider call, its
     *        bookkeeping), so that one acknowledgement that releases many sends never runs them one
     *        after another on the shipping route's thread
     * @param deadlines the clock of {@code failover.sync-timeout}
     */
    public ChangeShipper(Failover failover, NodeState state, ChangeLog log, Snapshots snapshots, ObjectMapper json,
            Duration syncTimeout, ExecutorService released, ScheduledExecutorService deadlines) {
        this.failover = failover;
        this.state = state;
        this.log = log;
        this.snapshots = snapshots;
        this.json = json;
        this.syncTimeout = syncTimeout;
        this.released = released;
        this.deadlines = deadlines;
        this.ackedSeq = state.peerAckedSeq();
        long logAt = log.lastSeq();
        if (ackedSeq > logAt) {
            // The peer acknowledged more of this log than the database holds: it was restored from a
            // snapshot. The peer's copy has changes the restore took back, and this log's next
            // numbers are ones the peer already applied: only a snapshot of this database is true.
            needsSnapshot = true;
            LOG.info("event=replication.snapshot-needed reason=restored peerAcknowledged={} logAt={}", ackedSeq, logAt);
        }
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
            releaseAll(); // an unreachable peer is not waited for (see awaitPeer)
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
            releaseAll();
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
        ackedSeq = seq;
        releaseUpTo(seq);
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
     * Before an outbox send: the send goes on once the peer has every change so far, the start of
     * this send included, so that a standby promoted a moment later knows the message may be out
     * and never sends it again. No thread waits: the route goes on when the returned stage
     * completes, on one of the released-sends threads. Every send waiting meanwhile shares the
     * shipment (the shipper takes everything in the log) and its one acknowledgement. Goes on at
     * once when there is no peer or it is unreachable (the send goes out; the guarantee is then
     * the one of a partition, see the README), and after {@code failover.sync-timeout} at the
     * latest.
     */
    public CompletionStage<Void> awaitPeer() {
        if (!failover.peerConfigured() || !failover.peerReachable() || !failover.ships() || needsSnapshot) {
            return NO_WAIT;
        }
        long target = log.lastSeq();
        if (ackedSeq >= target) {
            return NO_WAIT;
        }
        Waiting send = new Waiting(target, waitingIds.incrementAndGet());
        waiting.add(send);
        try {
            send.deadline = deadlines.schedule(() -> {
                if (release(send)) {
                    LOG.warn("event=replication.sync-timeout target={} acked={}", target, ackedSeq);
                }
            }, syncTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            release(send); // the context stops: no clock to wait with
        }
        if (ackedSeq >= target || !failover.peerReachable() || !failover.ships()) {
            release(send); // acknowledged (or given up) between the check and the registration
        } else if (nudges != null) {
            nudges.sendBody("seda:failover-ship?waitForTaskToComplete=Never&discardWhenFull=true", "nudge");
        }
        return send.done;
    }

    private void releaseUpTo(long seq) {
        for (Waiting send : waiting) {
            if (send.target > seq) {
                return; // ordered by target: the rest wait for more
            }
            release(send);
        }
    }

    private void releaseAll() {
        for (Waiting send : waiting) {
            release(send);
        }
    }

    /** Whether this call released the send (a send is released once: by the peer, its deadline, or a give-up). */
    private boolean release(Waiting send) {
        if (!waiting.remove(send)) {
            return false;
        }
        ScheduledFuture<?> deadline = send.deadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        try {
            released.execute(() -> send.done.complete(null));
        } catch (RejectedExecutionException stopping) {
            send.done.complete(null); // the context stops: go on here
        }
        return true;
    }

    private static final class Waiting implements Comparable<Waiting> {
        final long target;
        final long id;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile ScheduledFuture<?> deadline;

        Waiting(long target, long id) {
            this.target = target;
            this.id = id;
        }

        @Override
        public int compareTo(Waiting other) {
            int byTarget = Long.compare(target, other.target);
            return byTarget != 0 ? byTarget : Long.compare(id, other.id);
        }
    }
}
