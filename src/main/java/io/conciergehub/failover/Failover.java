package io.conciergehub.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.ops.Metrics;
import io.conciergehub.ops.NodeStatus;
import io.conciergehub.ops.RouteControl;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * This node's part in the primary/standby pair: whether it is the active node (the one that runs
 * the route groups {@code consumers} and {@code cloud}), under which epoch, and what it knows of
 * its peer.
 *
 * <p>Rules. A node becomes active only by raising the epoch above every epoch it has seen, and
 * writes the new epoch to disk first. A node that sees a higher epoch (in a heartbeat, a sync call
 * or a reply) stops its consumers and outbox at once (fencing); an outbox send checks
 * {@link #sendingEpoch()} in its own transaction, so nothing is handed to a provider after that.
 * The standby (or a passive primary) promotes itself after {@code failover.timeout} without a
 * heartbeat from an active peer. Without a peer configured the node is simply active.
 */
public final class Failover implements NodeStatus {

    public static final String CONSUMERS = RouteControl.CONSUMERS_GROUP;
    public static final String CLOUD = RouteControl.CLOUD_GROUP;
    private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

    /** What this node last heard from its peer. */
    public record Peer(String nodeId, String role, long epoch, boolean active, long lastSeq, String following,
            long appliedSeq, String keyFingerprint, long heardAt) {
    }

    /**
     * What a node does when it becomes active, before its consumers start: recover the work left
     * mid-way (by itself or the other node) and tell the outside world.
     */
    public interface Activation {
        void activated(long epoch, String reason);
    }

    /** What a node does when it finds its peer encrypts with another key (told once per finding). */
    public interface KeyMismatch {
        void found(String peerNode);
    }

    private final NodeState state;
    private final ChangeLog log;
    private final RouteControl routes;
    private final Metrics metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final String role;
    private final boolean peerConfigured;
    private final Duration timeout;
    private final boolean autoFailback;
    private final String keyFingerprint;
    // Silence after which the peer counts as unreachable, whichever direction it was last heard from.
    private final Duration heardWithin;
    private Activation activation = (epoch, reason) -> { };
    private KeyMismatch keyMismatchFound = peerNode -> { };
    private BooleanSupplier cloudHeld = () -> false;
    private java.util.concurrent.Callable<?> cloudStart; // null: the whole group

    private volatile boolean active;
    // Between release() and the peer's take-over: not consuming, still shipping the last changes.
    private volatile boolean releasing;
    // Until start() has decided the node's role (a primary first asks its peer), nobody promotes it.
    private volatile boolean started;
    // A primary whose peer did not answer at start-up: it may have taken the role meanwhile, so this
    // node asks again at every heartbeat until it answers, and takes the role only after the timeout.
    private volatile boolean askingPeer;
    private volatile long epoch;
    private volatile Peer peer;
    private volatile boolean peerReachable;
    private volatile long lastHeardAt;
    // The peer encrypts with another key: nothing is shipped, applied or promoted until that is fixed.
    private volatile boolean keyMismatch;
    // When this node last heard an active peer (or started): the promotion clock.
    private volatile long lastActiveHeartbeatAt;
    // Wall-clock ms of the newest change this passive node applied, and when it applied it.
    private volatile long lastApplyAt;

    public Failover(NodeState state, ChangeLog log, RouteControl routes, Metrics metrics,
            ObjectMapper json, Clock clock, String role, boolean peerConfigured, Duration timeout,
            boolean autoFailback, String keyFingerprint, Duration heartbeatInterval) {
        this.state = state;
        this.log = log;
        this.routes = routes;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.role = role;
        this.peerConfigured = peerConfigured;
        this.timeout = timeout;
        this.autoFailback = autoFailback;
        this.keyFingerprint = keyFingerprint;
        this.heardWithin = heartbeatInterval.multipliedBy(3);
        this.epoch = state.epoch();
        this.lastActiveHeartbeatAt = clock.millis();
        metrics.gauge("concierge_failover_epoch", "Cluster epoch this node knows", () -> epoch);
        metrics.gauge("concierge_failover_active", "1 on the node that runs the consumers, else 0", () -> active ? 1 : 0);
        metrics.gauge("concierge_replication_lag_seconds", "Age of the oldest change not yet on the peer (active node)"
                + " or since the last change from the active node was applied (passive node)", this::replicationLagSeconds);
        metrics.gauge("concierge_failover_key_mismatch", "1 while the peer encrypts with another key (nothing is"
                + " replicated), else 0", () -> keyMismatch ? 1 : 0);
        metrics.info("concierge_node_role", "This node's configured role (label role)", "role", role);
        metrics.failoverCounters(role);
    }

    public void onActivation(Activation recovery) {
        this.activation = recovery;
    }

    public void onKeyMismatch(KeyMismatch alert) {
        this.keyMismatchFound = alert;
    }

    /** While {@code held} says so (the stored pause of the workers), a node that becomes active keeps {@code cloud} suspended. */
    public void holdCloudWhile(BooleanSupplier held) {
        this.cloudHeld = held;
    }

    /** How {@code cloud} is started when this node becomes active: through the stored pauses (the budget's holds some routes). */
    public void startCloudWith(java.util.concurrent.Callable<?> start) {
        this.cloudStart = start;
    }

    public String nodeId() {
        return state.nodeId();
    }

    /** Whether start-up is over: every route runs and this node knows its role. */
    @Override
    public boolean started() {
        return started;
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public long epoch() {
        return epoch;
    }

    @Override
    public boolean peerConfigured() {
        return peerConfigured;
    }

    public Peer peer() {
        return peer;
    }

    @Override
    public Optional<HeardPeer> heardPeer() {
        Peer known = peer;
        return known == null ? Optional.empty()
                : Optional.of(new HeardPeer(known.role(), known.epoch(), known.active(), known.heardAt()));
    }

    /** Whether this node ships its change log: while active, and while handing the role over, to a peer with its key. */
    public boolean ships() {
        return peerConfigured && (active || releasing) && !keyMismatch;
    }

    /** Whether the peer was last heard with another encryption key than this node's. */
    @Override
    public boolean keyMismatch() {
        return keyMismatch;
    }

    /** The fingerprint of this node's encryption key, which every state and batch it sends its peer carries. */
    public String keyFingerprint() {
        return keyFingerprint;
    }

    /** The epoch to record on a send, or -1 when this node must not send (passive or fenced). */
    public long sendingEpoch() {
        return active ? epoch : -1;
    }

    /** A primary's question at start-up: does the peer hold the role? Null when it cannot be asked. */
    public Peer askPeer(ProducerTemplate template) {
        if (!peerConfigured || !"primary".equals(role)) {
            return null;
        }
        try {
            String request = json.writeValueAsString(status());
            Exchange reply = template.request("direct:failover-peer-heartbeat", e -> e.getMessage().setBody(request));
            Integer status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (reply.getException() != null || status == null || status != 200) {
                LOG.warn("event=failover.peer-unanswered status={}", status);
                return null;
            }
            heard();
            // Its key is judged by the heartbeats that follow: an active node then alerts a mismatch.
            return peer(json.readTree(reply.getMessage().getBody(String.class)));
        } catch (Exception e) {
            LOG.warn("event=failover.peer-unanswered error=\"{}\"", e.toString());
            return null;
        }
    }

    /**
     * Start-up, once the routes are loaded. Without a peer: active. A standby starts passive and
     * waits for heartbeats. A primary takes the role when its peer answered ({@link #askPeer}) that
     * it is passive. A primary whose peer did not answer starts passive: the standby may have taken
     * the role while this node was away (its stored epoch cannot tell), and taking it too would send
     * again what the standby sent. It asks at every heartbeat ({@link #heartbeatRequest}) and takes
     * the role when the peer answers passive, or after {@code failover.timeout} without hearing an
     * active peer, as a standby would.
     */
    public synchronized void start(Peer answered) {
        started = true;
        lastActiveHeartbeatAt = clock.millis();
        if (!peerConfigured) {
            activate(epoch + 1, "no peer configured", Level.INFO);
        } else if ("primary".equals(role) && answered == null) {
            askingPeer = true;
            LOG.warn("event=failover.passive role={} epoch={} reason=\"peer unreachable at start-up: asks it at every"
                    + " heartbeat, takes the role when it answers passive or after failover.timeout\"", role, epoch);
        } else if ("primary".equals(role) && !answered.active()) {
            activate(Math.max(epoch, answered.epoch()) + 1, "peer is passive", Level.INFO);
        } else {
            if (answered != null) {
                observe(answered);
            }
            LOG.info("event=failover.passive role={} epoch={} reason={}", role, epoch,
                    answered == null ? "standby waits for the primary's heartbeat" : "peer holds epoch " + answered.epoch());
        }
    }

    /**
     * The peer's state, heard while this primary still asks the question of its start-up: an active
     * peer keeps it passive (it catches up and asks for the role back), a passive one lets it take
     * the role as at a normal start.
     */
    private void answerStartQuestion(Peer other) {
        if (!askingPeer) {
            return;
        }
        askingPeer = false;
        if (!other.active() && !active) {
            activate(Math.max(epoch, other.epoch()) + 1, "peer is passive", Level.INFO);
        }
    }

    /** A heartbeat or status request from the peer: learn from it and answer with this node's state. */
    public synchronized Map<String, Object> onHeartbeat(@Body JsonNode request) {
        Peer sender = peer(request);
        heard();
        observe(sender);
        answerStartQuestion(sender);
        return status();
    }

    /** This node's state as its peer and operators see it. */
    public Map<String, Object> status() {
        return status(log.position());
    }

    /** The same, with this database's position as the caller just read or wrote it. */
    Map<String, Object> status(ChangeLog.Position position) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("node", nodeId());
        status.put("role", role);
        status.put("epoch", epoch);
        status.put("active", active);
        status.put("lastSeq", log.lastSeq());
        status.put("following", position.sourceNode());
        status.put("appliedSeq", position.appliedSeq());
        status.put("keyFingerprint", keyFingerprint);
        return status;
    }

    /**
     * The heartbeat this node sends; null when it has nothing to say (no peer, or passive, except a
     * primary that still asks its peer the question of its start-up).
     */
    public String heartbeatRequest() throws Exception {
        return peerConfigured && (active || askingPeer) ? json.writeValueAsString(status()) : null;
    }

    /** The peer's answer to a heartbeat (or to any call that carries its state). */
    public void onPeerAnswer(@Header("CamelHttpResponseCode") Integer status, @Body String body)
            throws Exception {
        if (status == null || status < 200 || status >= 300) {
            peerUnreachable("status " + status);
            return;
        }
        learnFrom(json.readTree(body));
    }

    /** The peer answered with its state (a heartbeat's, a shipment's or a snapshot's answer). */
    public synchronized void learnFrom(JsonNode answer) {
        heard();
        Peer other = peer(answer);
        observe(other);
        answerStartQuestion(other);
    }

    private void heard() {
        lastHeardAt = clock.millis();
        peerReachable = true;
    }

    /** Every heartbeat tick: a peer heard from in neither direction for three intervals is unreachable. */
    public void checkPeerHeard() {
        long silent = clock.millis() - lastHeardAt;
        if (peerReachable && silent > heardWithin.toMillis()) {
            peerUnreachable("nothing heard for " + silent + " ms");
        }
    }

    /**
     * A node state the peer sent with its key's fingerprint: a mismatch is found (logged, alerted) once,
     * and cleared when the peer is heard with this node's key again. A peer that sends none (an older
     * version) is not judged.
     */
    private void checkKey(Peer other) {
        checkKey(other.nodeId(), other.keyFingerprint());
    }

    /** A call from the peer that carries its key's fingerprint (a batch, a snapshot offer): judged like a heartbeat. */
    public synchronized void checkKey(String peerNode, String peerFingerprint) {
        if (peerFingerprint == null) {
            return;
        }
        boolean differs = !keyFingerprint.equals(peerFingerprint);
        if (differs && !keyMismatch) {
            keyMismatch = true;
            LOG.warn("event=failover.key-mismatch peer={} reason=\"the peer encrypts with another"
                    + " concierge.encryption-key: replication and promotion stopped\"", peerNode);
            keyMismatchFound.found(peerNode);
        } else if (!differs && keyMismatch) {
            keyMismatch = false;
            LOG.info("event=failover.key-match peer={} reason=\"the peer encrypts with this node's key again\"",
                    peerNode);
        }
    }

    /** A call to the peer failed (in a route's doCatch): the peer counts as unreachable. */
    public void callFailed(Exchange exchange) {
        peerUnreachable(String.valueOf(caught(exchange)));
    }

    private static Throwable caught(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    public void peerUnreachable(String why) {
        if (peerReachable) {
            LOG.warn("event=failover.peer-unreachable reason=\"{}\"", why);
        }
        peerReachable = false;
    }

    @Override
    public boolean peerReachable() {
        return peerReachable;
    }

    /**
     * The promotion clock: a passive node that has not heard an active peer for the timeout
     * takes over. Called on every heartbeat tick.
     */
    public synchronized void checkPromotion() {
        if (!started || !peerConfigured || active || releasing) {
            return;
        }
        if (keyMismatch) {
            return; // its database holds nothing of the active node's: promoted, it would silently diverge
        }
        long silent = clock.millis() - lastActiveHeartbeatAt;
        if (silent > timeout.toMillis()) {
            long known = peer == null ? 0 : peer.epoch();
            // Counted before the node says it is active: whoever sees it active sees the promotion too.
            metrics.failoverPromotion(role);
            activate(Math.max(epoch, known) + 1, "no heartbeat for " + silent + " ms", Level.WARN);
        }
    }

    /** Whether a passive primary should ask its active peer for the role back now. */
    public boolean wantsRoleBack() {
        Peer known = peer;
        return autoFailback && peerConfigured && !active && !keyMismatch && "primary".equals(role) && known != null
                && known.active() && caughtUpWith(known);
    }

    private boolean caughtUpWith(Peer known) {
        ChangeLog.Position position = log.position();
        return known.nodeId().equals(position.sourceNode()) && position.appliedSeq() >= known.lastSeq();
    }

    /**
     * Hand-back, on the active node: stop consuming at once. The caller then ships the last
     * changes and asks the peer to take over; {@link #resume} undoes this when that fails.
     */
    public synchronized void release() throws Exception {
        if (!active) {
            throw new IllegalStateException("this node is not active");
        }
        active = false;
        releasing = true;
        lastActiveHeartbeatAt = clock.millis();
        stopConsumers();
        LOG.info("event=failover.released epoch={}", epoch);
    }

    /** The hand-back failed after {@link #release} (route's doCatch): take the role again under the same epoch. */
    public synchronized void resume(Exchange exchange) throws Exception {
        LOG.error("event=failover.handback-failed reason=\"{}\"", String.valueOf(caught(exchange)));
        releasing = false;
        active = true;
        startConsumers();
    }

    /**
     * The take-over call was sent and got no answer (timed out, or the connection closed before one
     * came; a refused connection is a failed hand-back, {@link #resume}): the peer may have taken the
     * role or not. Resuming under this node's epoch beside a peer active under a higher one would
     * send twice, so this node stays passive: the peer's next heartbeat tells it who is active, and
     * if none comes the promotion clock, restarted here, hands the role back after
     * {@code failover.timeout} (a waiting primary's own clock, started at the release, runs out first).
     */
    public synchronized void handbackUnanswered(Exchange exchange) {
        LOG.error("event=failover.handback-unanswered reason=\"{}\" outcome=\"passive until the peer is heard active"
                + " or failover.timeout passes\"", String.valueOf(caught(exchange)));
        releasing = false;
        lastActiveHeartbeatAt = clock.millis();
    }

    /** The peer took the role under {@code newEpoch}: follow its log from {@code fromSeq}. */
    public synchronized void handedOver(long newEpoch, String peerNode, long fromSeq) {
        raiseEpoch(newEpoch);
        releasing = false;
        log.follow(peerNode, fromSeq);
        lastActiveHeartbeatAt = clock.millis();
        LOG.info("event=failover.handed-over epoch={}", newEpoch);
    }

    /**
     * Before a take-over: the active peer released the role having shipped everything up to
     * {@code peerLastSeq}; throws when this node has not applied all of it yet.
     */
    public void requireCaughtUp(String peerNode, long peerLastSeq) {
        ChangeLog.Position position = log.position();
        if (!peerNode.equals(position.sourceNode()) || position.appliedSeq() < peerLastSeq) {
            throw new IllegalStateException("not caught up: applied " + position + ", the peer is at " + peerLastSeq);
        }
    }

    /** Take-over, on the passive node that caught up, of the role the peer released at {@code peerEpoch}. */
    public synchronized void takeOver(long peerEpoch) {
        activate(Math.max(epoch, peerEpoch) + 1, "hand-back from the peer", Level.INFO);
    }

    /** The active node's state seen in a call or a reply: fence this node if it is behind. */
    private void observe(Peer other) {
        peer = other;
        checkKey(other);
        if (other.active()) {
            lastActiveHeartbeatAt = clock.millis();
        }
        if (other.epoch() > epoch || (other.epoch() == epoch && other.active() && active && outranks(other))) {
            giveWay(other.epoch(), "peer " + other.role() + " is active at epoch " + other.epoch());
        }
    }

    /** Another node holds {@code otherEpoch}: stop sending if active, and never announce less than it. */
    private void giveWay(long otherEpoch, String why) {
        fence(otherEpoch, why);
        raiseEpoch(otherEpoch);
    }

    /** Two active nodes with one epoch (only after a partition): the primary keeps the role. */
    private boolean outranks(Peer other) {
        return !other.role().equals(role) ? "primary".equals(other.role()) : other.nodeId().compareTo(nodeId()) > 0;
    }

    /** A higher epoch exists elsewhere: this node stops sending at once. */
    public synchronized void fence(long seenEpoch, String why) {
        if (!active) {
            return;
        }
        active = false;
        lastActiveHeartbeatAt = clock.millis();
        try {
            stopConsumers();
        } catch (Exception e) {
            LOG.error("event=failover.fence-failed error=\"{}\"", e.toString());
        }
        LOG.warn("event=failover.fenced epoch={} seen={} reason=\"{}\"", epoch, seenEpoch, why);
        metrics.failoverFenced(role);
    }

    /** A call carrying {@code otherEpoch}: a higher epoch than this node's fences it. */
    public synchronized void learnEpoch(long otherEpoch, String from) {
        if (otherEpoch > epoch) {
            giveWay(otherEpoch, "a call from " + from + " carries epoch " + otherEpoch);
        }
    }

    /** {@code level}: WARN when the peer is missing (someone should look at it), INFO for the normal ways. */
    private void activate(long newEpoch, String why, Level level) {
        raiseEpoch(newEpoch);
        log.lead(nodeId());
        activation.activated(newEpoch, why);
        active = true;
        askingPeer = false;
        try {
            startConsumers();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the consuming routes", e);
        }
        LOG.atLevel(level).log("event=failover.active role={} epoch={} reason=\"{}\"", role, newEpoch, why);
    }

    private void raiseEpoch(long newEpoch) {
        if (newEpoch > epoch) {
            state.epoch(newEpoch); // on disk before anyone hears of it
            epoch = newEpoch;
        }
    }

    private void startConsumers() throws Exception {
        routes.startGroup(CONSUMERS);
        if (cloudHeld.getAsBoolean()) {
            routes.suspendGroup(CLOUD); // those a single node started with the others; the rest stay stopped
            LOG.info("event=failover.cloud-held reason=\"the workers are paused\"");
        } else if (cloudStart != null) {
            cloudStart.call();
        } else {
            routes.startGroup(CLOUD);
        }
    }

    private void stopConsumers() throws Exception {
        routes.suspendGroup(CLOUD);
        routes.suspendGroup(CONSUMERS);
    }

    /** A change batch from the peer was applied. */
    public void applied(long changes) {
        if (changes > 0) {
            lastApplyAt = clock.millis();
        }
    }

    private double replicationLagSeconds() {
        if (!peerConfigured) {
            return 0;
        }
        if (active) {
            Long oldest = log.oldestAfter(state.peerAckedSeq());
            return oldest == null ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
        }
        Peer known = peer;
        if (known == null || caughtUpWith(known)) {
            return 0;
        }
        return Math.max(0, clock.millis() - Math.max(lastApplyAt, known.heardAt() - 1)) / 1000.0;
    }

    @Override
    public long lagMillis() {
        return Math.round(replicationLagSeconds() * 1000);
    }

    private Peer peer(JsonNode node) {
        return new Peer(node.path("node").asText(), node.path("role").asText(), node.path("epoch").asLong(),
                node.path("active").asBoolean(), node.path("lastSeq").asLong(), node.path("following").asText(null),
                node.path("appliedSeq").asLong(), node.path("keyFingerprint").asText(null), clock.millis());
    }
}
