package io.conciergehub.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.mesh.CommandStore;
import io.conciergehub.mesh.WorkerControl;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.ops.Metrics;
import io.conciergehub.ops.ReadyLine;
import io.conciergehub.ops.RouteControl;
import io.conciergehub.ops.Settings;
import io.conciergehub.store.DataDirLock;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.PropertyInject;
import org.apache.camel.StartupListener;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's role and epoch ({@code node.db}), the change capture on the replicated tables,
 * snapshots, and the beans of replication, relay and hand-back. The node takes its role once the
 * routes are up; the node that takes it recovers the work a previous run left half-done.
 */
public class FailoverConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverConfiguration.class);
    /** How old a signed peer call may be, as for the providers' signed webhooks. */
    private static final Duration PEER_REPLAY_WINDOW = Duration.ofSeconds(300);

    /** {@code node.db}, closed when the hub stops. */
    @BindToRegistry(lazy = true)
    public NodeState nodeState(CamelContext context, DataDirLock dataDir) throws Exception {
        Database nodeDb = NodeState.open(dataDir.directory());
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                nodeDb.close();
            }
        }, true, true);
        return new NodeState(nodeDb);
    }

    @BindToRegistry(lazy = true)
    public ChangeLog changeLog(Database db, ObjectMapper json) {
        return new ChangeLog(db, json);
    }

    /** With a peer, every change of the replicated tables is captured for it. */
    @BindToRegistry(lazy = true)
    public ChangeCapture changeCapture(Database db, @PropertyInject("failover.peer-url") String peerUrl) {
        ChangeCapture capture = new ChangeCapture(db);
        capture.install();
        capture.capture(!peerUrl.isEmpty());
        return capture;
    }

    @BindToRegistry(lazy = true)
    public Failover failover(NodeState nodeState, ChangeLog changeLog, RouteControl routeControl, Metrics metrics,
            FieldCrypto crypto, ObjectMapper json, Clock clock,
            @PropertyInject("concierge.role") String role,
            @PropertyInject("failover.peer-url") String peerUrl,
            @PropertyInject("ms:failover.timeout") Duration timeout,
            @PropertyInject("failover.auto-failback") boolean autoFailback,
            @PropertyInject("ms:failover.heartbeat-interval") Duration heartbeatInterval) {
        return new Failover(nodeState, changeLog, routeControl, metrics, json, clock, role, !peerUrl.isEmpty(), timeout,
                autoFailback, crypto.fingerprint(), heartbeatInterval);
    }

    /** What the outbox (a lower layer, which cannot name {@link Failover}) records a send under. */
    @BindToRegistry(value = "sendingEpoch", lazy = true)
    public LongSupplier sendingEpoch(Failover failover) {
        return failover::sendingEpoch;
    }

    /** The highest epoch this node knows of, for the outbox: above a send's, another node holds the role. */
    @BindToRegistry(value = "knownEpoch", lazy = true)
    public LongSupplier knownEpoch(Failover failover) {
        return failover::epoch;
    }

    @BindToRegistry(lazy = true)
    public Snapshots snapshots(Database db, DataDirLock dataDir, Clock clock,
            @PropertyInject("ms:backup.retention") Duration retention) {
        return new Snapshots(db, backupDir(dataDir), retention, clock);
    }

    private static Path backupDir(DataDirLock dataDir) {
        return dataDir.directory().resolve("backups");
    }

    @BindToRegistry(lazy = true)
    public ChangeShipper changeShipper(CamelContext context, Failover failover, NodeState nodeState, ChangeLog changeLog,
            Snapshots snapshots, ObjectMapper json, @PropertyInject("ms:failover.sync-timeout") Duration syncTimeout,
            @PropertyInject("messaging.send-concurrency") int sendConcurrency) {
        // Sends the peer released go on with as many threads as the outbox sends with.
        ExecutorServiceManager threads = context.getExecutorServiceManager();
        return new ChangeShipper(failover, nodeState, changeLog, snapshots, json, syncTimeout,
                threads.newFixedThreadPool(this, "FailoverReleasedSends", sendConcurrency),
                threads.newSingleThreadScheduledExecutor(this, "FailoverSyncTimeout"));
    }

    @BindToRegistry(lazy = true)
    public RelayQueue relayQueue(NodeState nodeState, Database db, GuestRepository guests, FieldCrypto crypto,
            ObjectMapper json, Clock clock, Metrics metrics) {
        RelayQueue relay = new RelayQueue(nodeState.database(), db, nodeState, guests, crypto, json, clock);
        metrics.gauge("concierge_relay_queue_size", "Webhook events held by this passive node for the active one",
                relay::size);
        return relay;
    }

    @BindToRegistry(lazy = true)
    public ReplicaReceiver replicaReceiver(Failover failover, ChangeLog changeLog, ChangeCapture capture,
            RelayQueue relay, ChangeShipper shipper, Database db, DataDirLock dataDir, ObjectMapper json) {
        return new ReplicaReceiver(failover, changeLog, capture, relay, shipper, db, backupDir(dataDir), json);
    }

    @BindToRegistry(lazy = true)
    public Handback handback(Failover failover, ChangeShipper shipper, ChangeLog changeLog, ObjectMapper json) {
        return new Handback(failover, shipper, changeLog, json);
    }

    @BindToRegistry(lazy = true)
    public PeerApi peerApi(Failover failover, ObjectMapper json, @PropertyInject("failover.peer-url") String peerUrl) {
        return new PeerApi(failover, json, peerUrl);
    }

    /**
     * The pair's calls are never repeated by the HTTP client (it would resend a signed call after a
     * 503 from a passive peer, and the peer refuses the copy as a replay): the routes decide.
     */
    @BindToRegistry(lazy = true)
    public HttpClientConfigurer noAutomaticRetries() {
        return HttpClientBuilder::disableAutomaticRetries;
    }

    @BindToRegistry(lazy = true)
    public PeerGate peerGate(ApiGate apiGate, ApiKeys apiKeys, Failover failover, NodeState nodeState, Clock clock,
            @PropertyInject("failover.peer-api-key") String peerKey) {
        return new PeerGate(apiGate, apiKeys, failover, nodeState, peerKey, PEER_REPLAY_WINDOW, clock);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        Failover failover = registry.findSingleByType(Failover.class);
        // A single node starts its consuming routes with the others; with a peer they wait for the
        // failover logic to make this node active (the routes are created after this configuration).
        context.getPropertiesComponent().addInitialProperty("failover.consumers-autostart",
                String.valueOf(!failover.peerConfigured()));
        // The cloud-facing work likewise, and not at all while the stored pause says paused: the
        // node that takes the role (at start-up or a failover) keeps it paused.
        WorkerControl workers = registry.findSingleByType(WorkerControl.class);
        failover.holdCloudWhile(workers::held);
        failover.startCloudWith(workers::apply);
        context.getPropertiesComponent().addInitialProperty("failover.cloud-autostart",
                String.valueOf(!failover.peerConfigured() && !workers.held()));
        // Made now: its triggers are on the replicated tables before any route writes to them.
        registry.findSingleByType(ChangeCapture.class);
        recoverOnActivation(registry, failover);
        alertKeyMismatch(registry, failover);
        takeRoleOnceStarted(context, failover);
    }

    /** Work a previous run (or the other node) left half-done is recovered by the node that takes the role. */
    private static void recoverOnActivation(Registry registry, Failover failover) {
        Outbox outbox = registry.findSingleByType(Outbox.class);
        CommandStore commands = registry.findSingleByType(CommandStore.class);
        Database db = registry.findSingleByType(Database.class);
        EventBuffer events = registry.findSingleByType(EventBuffer.class);
        failover.onActivation((epoch, reason) -> {
            outbox.recoverInterrupted();
            int interrupted = commands.recoverInterrupted();
            if (interrupted > 0) {
                LOG.info("event=commands.recovered requeued={}", interrupted);
            }
            if (failover.peerConfigured()) { // the cloud job runner hears of every change of the active node
                db.write(c -> {
                    events.publish(c, "node.activated", Map.of("role", failover.role(), "epoch", epoch,
                            "reason", reason));
                    return null;
                });
            }
        });
    }

    /** The active node alerts the cloud (a passive one never writes the replicated tables); ids only. */
    private static void alertKeyMismatch(Registry registry, Failover failover) {
        Database db = registry.findSingleByType(Database.class);
        EventBuffer events = registry.findSingleByType(EventBuffer.class);
        failover.onKeyMismatch(peerNode -> {
            if (failover.active()) {
                db.write(c -> {
                    events.publish(c, "failover.key-mismatch", Map.of("role", failover.role(), "peer", peerNode));
                    return null;
                });
            }
        });
    }

    private static void takeRoleOnceStarted(CamelContext context, Failover failover) throws Exception {
        Registry registry = context.getRegistry();
        ChangeShipper shipper = registry.findSingleByType(ChangeShipper.class);
        Settings settings = registry.findSingleByType(Settings.class);
        Path dataDir = registry.findSingleByType(DataDirLock.class).directory();
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the routes are not up yet: nothing to decide
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                ProducerTemplate template = started.createProducerTemplate();
                shipper.nudgeThrough(template);
                failover.start(failover.askPeer(template));
                ReadyLine.log(started, settings, failover.role(), failover.active(), dataDir);
            }
        });
    }
}
