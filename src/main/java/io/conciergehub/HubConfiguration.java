package io.conciergehub;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys;
import io.conciergehub.api.HttpErrors;
import io.conciergehub.api.RateLimiter;
import io.conciergehub.api.RedisRateLimiter;
import io.conciergehub.api.RemoteAnswers;
import io.conciergehub.api.RetryAfterDelay;
import io.conciergehub.concierge.ConciergeService;
import io.conciergehub.concierge.KnowledgeBase;
import io.conciergehub.concierge.LanguageGuesser;
import io.conciergehub.concierge.LlmAnswers;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.events.EventIntake;
import io.conciergehub.failover.ChangeCapture;
import io.conciergehub.failover.ChangeLog;
import io.conciergehub.failover.ChangeShipper;
import io.conciergehub.failover.Failover;
import io.conciergehub.failover.Handback;
import io.conciergehub.failover.NodeState;
import io.conciergehub.failover.PeerApi;
import io.conciergehub.failover.PeerGate;
import io.conciergehub.failover.RelayQueue;
import io.conciergehub.failover.ReplicaReceiver;
import io.conciergehub.failover.Snapshots;
import io.conciergehub.guest.BookingRepository;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.mesh.BookingSync;
import io.conciergehub.mesh.Commands;
import io.conciergehub.mesh.DeadLetters;
import io.conciergehub.mesh.GuestQuery;
import io.conciergehub.mesh.MeshStats;
import io.conciergehub.mesh.WorkerControl;
import io.conciergehub.messaging.Inbox;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.messaging.SpokiWebhook;
import io.conciergehub.messaging.WhatsAppWebhook;
import io.conciergehub.messaging.provider.LogProvider;
import io.conciergehub.messaging.provider.ProviderResponses;
import io.conciergehub.messaging.provider.SendFailureRecorder;
import io.conciergehub.messaging.provider.SpokiRequests;
import io.conciergehub.messaging.provider.WhatsAppCloudRequests;
import io.conciergehub.ops.ApiRoutesStayUp;
import io.conciergehub.ops.ClassDataArchive;
import io.conciergehub.ops.Health;
import io.conciergehub.ops.HealthWhileStarting;
import io.conciergehub.ops.HttpConnections;
import io.conciergehub.ops.HttpGate;
import io.conciergehub.ops.HttpHeaderPolicy;
import io.conciergehub.ops.LogFiles;
import io.conciergehub.ops.MalformedRequests;
import io.conciergehub.ops.Metrics;
import io.conciergehub.ops.ObserveGate;
import io.conciergehub.ops.ReadyLine;
import io.conciergehub.ops.RouteApi;
import io.conciergehub.ops.RouteControl;
import io.conciergehub.ops.Settings;
import io.conciergehub.store.DataDirLock;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.PrivateFiles;
import io.conciergehub.store.RedisIdempotentRepository;
import io.conciergehub.store.SqliteIdempotentRepository;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the hub's beans from configuration and binds them in Camel's registry under the names
 * the routes use. The one place where the object graph is wired.
 */
public class HubConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HubConfiguration.class);
    /** How old a signed peer call may be, as for the providers' signed webhooks. */
    private static final Duration PEER_REPLAY_WINDOW = Duration.ofSeconds(300);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();

        ClassDataArchive.announceAtStop(context);
        // Every setting read and checked before anything touches the data directory.
        Settings settings = Settings.read(properties);
        if (!settings.text("logging.dir").isEmpty()) {
            LogFiles.attach(Path.of(settings.text("logging.dir")), settings.text("logging.format"));
        }
        Path dataDir = Path.of(settings.text("concierge.data-dir"));
        // One hub per data dir, held until it stops: a second hub or a restore would write under this one.
        DataDirLock dataDirLock = DataDirLock.acquire(dataDir);
        // Only this user may read guests' data: a directory left loose by an older version is tightened.
        PrivateFiles.tighten(dataDir);
        ApiKeys apiKeys = ApiKeys.fromConfiguredOrGenerated(settings.text("concierge.api-keys"), dataDir);
        FieldCrypto crypto = FieldCrypto.fromConfiguredKeyOrFile(settings.text("concierge.encryption-key"), dataDir);
        Database db = Database.open(dataDir, settings.flag("store.durable-acks"),
                crypto);
        // Every platform-http route: no request header or query parameter is written back in an answer.
        context.getComponent("platform-http", PlatformHttpComponent.class).setHeaderFilterStrategy(new HttpHeaderPolicy());
        RedissonClient redis = redisClient(settings.text("concierge.redis-url"));
        ApiGate apiGate = apiGate(settings, apiKeys, redis, json, clock);
        registry.bind("apiGate", apiGate);

        // One registry for Camel's route metrics and ours: camel-micrometer's, if it made one already.
        PrometheusMeterRegistry prometheus = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                PrometheusMeterRegistry.class);
        if (prometheus == null) {
            prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, prometheus);
        }
        Metrics metrics = new Metrics(prometheus);
        metrics.diskSpace(dataDir);
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        metrics.circuitStates(breakers);

        GuestRepository guests = new GuestRepository(crypto);
        // Before the routes are added: their MBeans are made as they are.
        ApiRoutesStayUp.install(context);
        TemplatedRoutes.install(context);
        RouteControl routeControl = new RouteControl(context);
        registry.bind("routeControl", routeControl);
        Failover failover = bindFailover(context, properties, settings, registry, db, dataDir, routeControl, guests, crypto,
                metrics, apiKeys, apiGate, json, clock);
        EventBuffer events = new EventBuffer(db, json, crypto, metrics::eventForwarded,
                !settings.text("events.sink-url").isEmpty(), settings.count("events.max-attempts"),
                settings.millis("events.retry-delay"),
                settings.millis("events.max-retry-delay"), clock);
        metrics.gauge("concierge_event_buffer_size", "Domain events waiting for the sink", events::size);
        String provider = settings.text("messaging.provider");
        Outbox outbox = new Outbox(db, guests, metrics, events, storedProviderName(provider),
                settings.text("messaging.window-template"),
                settings.duration("messaging.circuit.open-duration"),
                failover::sendingEpoch, clock);
        metrics.gauge("concierge_outbox_depth", "Outbound messages waiting to be sent", outbox::depth);
        metrics.gauge("concierge_dead_letters", "Dead letters not yet replayed", outbox::deadLetters);

        String knowledgeDir = settings.text("concierge.knowledge-dir");
        KnowledgeBase knowledge = new KnowledgeBase(knowledgeDir.isBlank() ? null : Path.of(knowledgeDir),
                hotelFacts(properties));
        LanguageGuesser languages = new LanguageGuesser(
                "high".equals(settings.text("concierge.language-accuracy")));
        // Lingua loads its models lazily: load them once the hub is up (not competing with start-up
        // for the CPU), so that the first guest does not wait either.
        context.addStartupListener((started, alreadyStarted) -> {
            Thread warmUp = new Thread(languages::warmUp, "language-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        });

        SqliteIdempotentRepository sqliteKeys = redis == null ? new SqliteIdempotentRepository(db, "webhooks") : null;
        IdempotentRepository idempotency = redis != null
                ? new RedisIdempotentRepository(redis, "webhooks", Duration.ofDays(7)) : sqliteKeys;

        registry.bind("database", db);
        registry.bind("circuitBreakerRegistry", breakers);
        // Runs calls guarded by a breaker timeout. Without it resilience4j falls back to
        // CompletableFuture's default, which on a two-core machine starts a new thread per call.
        registry.bind("circuitBreakerExecutor",
                context.getExecutorServiceManager().newCachedThreadPool(this, "circuit-breaker"));
        registry.bind("metrics", metrics);
        registry.bind("apiKeys", apiKeys);
        registry.bind("httpErrors", new HttpErrors(json));
        registry.bind("webhookIdempotency", idempotency);
        Inbox inbox = new Inbox(db, guests, metrics, events, sqliteKeys, clock);
        metrics.gauge("concierge_inbound_pending", "Guest messages waiting for the concierge's answer", inbox::pending);
        registry.bind("inbox", inbox);
        registry.bind("outbox", outbox);
        boolean llmEnabled = !settings.text("llm.base-url").isEmpty();
        registry.bind("concierge", new ConciergeService(db, guests, knowledge, languages, outbox,
                settings.text("concierge.default-language"), llmEnabled, clock));
        registry.bind("llmAnswers", new LlmAnswers(knowledge, settings.text("llm.model"),
                properties.resolveProperty("hotel.name").orElse("the hotel"), json));
        registry.bind("retryAfterDelay", new RetryAfterDelay());
        registry.bind("spokiWebhook", new SpokiWebhook(settings.text("spoki.webhook-secret"), json, clock));
        registry.bind("whatsappWebhook", new WhatsAppWebhook(settings.text("whatsapp.app-secret"),
                settings.text("whatsapp.verify-token"), json));
        registry.bind("spokiRequests", new SpokiRequests());
        registry.bind("whatsappCloudRequests", new WhatsAppCloudRequests());
        registry.bind("logProvider", new LogProvider(dataDir.resolve("outbound.jsonl"), json, clock));
        RemoteAnswers remoteAnswers = new RemoteAnswers(clock);
        registry.bind("remoteAnswers", remoteAnswers);
        registry.bind("providerResponses", new ProviderResponses(remoteAnswers, json));
        registry.bind("sendFailureRecorder", new SendFailureRecorder(outbox));
        registry.bind("health", new Health(db, redis, breakers, apiKeys, json, failover, provider));

        Commands commands = bindMesh(settings, registry, db, crypto, guests, inbox, outbox, events, breakers, metrics,
                routeControl, failover, json, clock);
        // Work a previous run (or the other node) left half-done is recovered by the node that takes the role.
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
        // The active node alerts the cloud (a passive one never writes the replicated tables); ids only.
        failover.onKeyMismatch(peerNode -> {
            if (failover.active()) {
                db.write(c -> {
                    events.publish(c, "failover.key-mismatch", Map.of("role", failover.role(), "peer", peerNode));
                    return null;
                });
            }
        });
        // Route control for operators: /api/routes, and the API gate in front of Jolokia (/observe/*).
        registry.bind("routeApi", new RouteApi(routeControl));
        ObserveGate.install(context, apiGate, json);
        // /health answers 503 JSON until the hub has started, not the server's 404 page.
        HealthWhileStarting.install(context, failover::started);
        // Connections: idle ones closed, requests framed two ways refused.
        HttpConnections.install(context, settings.millis("http.idle-timeout"));
        // In front of every route, before the server starts: malformed requests, and a flood guard on
        // what anyone may read without a key (the REST DSL's OpenAPI route takes no steps of ours).
        HttpGate.mount(context, MalformedRequests.PATH, maxBodySize -> new MalformedRequests(json));
        for (String path : List.of("/health", settings.text("camel.rest.api-context-path"))) {
            HttpGate.mount(context, path, maxBodySize -> new HttpGate(context, json, apiGate::admitPublic,
                    RoutingContext::next, null));
        }

        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                if (redis != null) {
                    redis.shutdown();
                }
                db.close();
                dataDirLock.close();
            }
        }, true, true);
        LOG.info("event=hub.configured dataDir={} provider={} redis={} llm={}", dataDir.toAbsolutePath().normalize(), provider,
                redis != null ? "configured" : "off (embedded fallbacks)", llmEnabled ? "configured" : "off");
    }

    /** The door of every API route and webhook: keys, scopes, rate limits (counted in Redis when configured). */
    private static ApiGate apiGate(Settings settings, ApiKeys apiKeys, RedissonClient redis,
            ObjectMapper json, Clock clock) {
        RateLimiter limiter = redis != null ? new RedisRateLimiter(redis, "concierge:rate:", clock) : new RateLimiter(clock);
        return new ApiGate(apiKeys, limiter, settings.count("api.rate-limit"),
                settings.count("api.webhook-rate-limit"), settings.count("api.public-rate-limit"),
                settings.millis("api.rate-limit-window"), settings.text("api.client-ip-header"),
                json);
    }

    /** The mesh gateway: commands, events, sync, stats, dead letters. */
    private static Commands bindMesh(Settings settings, Registry registry, Database db,
            FieldCrypto crypto, GuestRepository guests, Inbox inbox, Outbox outbox, EventBuffer events,
            CircuitBreakerRegistry breakers, Metrics metrics, RouteControl routeControl, Failover failover,
            ObjectMapper json, Clock clock) {
        WorkerControl workers = new WorkerControl(routeControl);
        BookingRepository bookings = new BookingRepository(guests);
        Commands commands = new Commands(db, crypto, guests, bookings, outbox, workers, breakers, metrics, json,
                "spoki".equals(settings.text("messaging.provider")),
                settings.count("mesh.command-attempts"), settings.duration("mesh.circuit.open-duration").toSeconds(),
                clock);
        metrics.gauge("concierge_commands_queued", "Mesh commands waiting or running", commands::queued);
        registry.bind("commands", commands);
        registry.bind("eventBuffer", events);
        registry.bind("eventIntake", new EventIntake(events, json));
        registry.bind("guestQuery", new GuestQuery(db, guests, json));
        registry.bind("bookingSync", new BookingSync(db, bookings, events, json, clock));
        registry.bind("deadLetters", new DeadLetters(db, events, clock));
        registry.bind("meshStats", new MeshStats(db, inbox, outbox, commands, events, breakers, workers, failover));
        return commands;
    }

    /**
     * This node's role and epoch (node.db), the change capture on the replicated tables (ready
     * before any route starts), snapshots, and the beans of replication, relay and hand-back. The
     * node takes its role once the routes are up.
     */
    private static Failover bindFailover(CamelContext context, PropertiesComponent properties, Settings settings,
            Registry registry,
            Database db, Path dataDir, RouteControl routeControl, GuestRepository guests, FieldCrypto crypto,
            Metrics metrics, ApiKeys apiKeys, ApiGate apiGate, ObjectMapper json, Clock clock) throws Exception {
        Database nodeDb = NodeState.open(dataDir);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                nodeDb.close();
            }
        }, true, true);
        NodeState nodeState = new NodeState(nodeDb);
        ChangeLog changeLog = new ChangeLog(db, json);
        ChangeCapture capture = new ChangeCapture(db);
        boolean peerConfigured = !settings.text("failover.peer-url").isEmpty();
        String peerKey = settings.text("failover.peer-api-key");
        // A single node starts its consuming routes with the others; with a peer they wait for the
        // failover logic to make this node active (routes are created after this configuration).
        properties.addInitialProperty("failover.consumers-autostart", String.valueOf(!peerConfigured));
        capture.install();
        capture.capture(peerConfigured);
        Failover failover = new Failover(nodeState, changeLog, routeControl, metrics, json, clock,
                settings.text("concierge.role"), peerConfigured, settings.duration("failover.timeout"),
                settings.flag("failover.auto-failback"), crypto.fingerprint(), settings.duration("failover.heartbeat-interval"));
        registry.bind("failover", failover);

        Path backupDir = dataDir.resolve("backups");
        Snapshots snapshots = new Snapshots(db, backupDir,
                settings.duration("backup.retention"), clock);
        registry.bind("snapshots", snapshots);
        ChangeShipper shipper = new ChangeShipper(failover, nodeState, changeLog, snapshots, json,
                settings.duration("failover.sync-timeout"));
        registry.bind("changeShipper", shipper);
        RelayQueue relay = new RelayQueue(nodeDb, db, nodeState, guests, crypto, json, clock);
        registry.bind("relayQueue", relay);
        metrics.gauge("concierge_relay_queue_size", "Webhook events held by this passive node for the active one",
                relay::size);
        registry.bind("replicaReceiver", new ReplicaReceiver(failover, changeLog, capture, relay, shipper, db, backupDir,
                json));
        registry.bind("handback", new Handback(failover, shipper, changeLog, json));
        registry.bind("peerApi", new PeerApi(failover, json));
        // The pair's calls are never repeated by the HTTP client (it would resend a signed call after a
        // 503 from a passive peer, and the peer refuses the copy as a replay): the routes decide.
        registry.bind("noAutomaticRetries", (HttpClientConfigurer) HttpClientBuilder::disableAutomaticRetries);
        registry.bind("peerGate", new PeerGate(apiGate, apiKeys, failover,
                nodeState, peerKey, PEER_REPLAY_WINDOW, clock));
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
        return failover;
    }

    /** Messages are stored under the name the provider's webhooks use, so status callbacks find them. */
    static String storedProviderName(String configured) {
        return switch (configured) {
            case "spoki" -> SpokiWebhook.PROVIDER;
            case "whatsapp-cloud" -> WhatsAppWebhook.PROVIDER;
            case "log" -> "log";
            default -> throw new IllegalArgumentException(
                    "messaging.provider must be spoki, whatsapp-cloud or log, not '" + configured + "'");
        };
    }

    /** A lazily connecting client, so a Redis that is down at start-up degrades the hub instead of stopping it. */
    private static RedissonClient redisClient(String url) {
        if (url.isBlank()) {
            return null;
        }
        Config config = new Config().setLazyInitialization(true);
        config.useSingleServer().setAddress(url).setConnectTimeout(1000).setTimeout(1000).setRetryAttempts(1)
                .setRetryInterval(200).setConnectionMinimumIdleSize(1).setConnectionPoolSize(8);
        return Redisson.create(config);
    }

    /** {@code hotel.wifi-password} → {@code {wifi_password}} in knowledge-base answers. */
    private static Map<String, String> hotelFacts(PropertiesComponent properties) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (String key : properties.loadProperties(k -> k.startsWith("hotel.")).stringPropertyNames()) {
            facts.put(key.substring("hotel.".length()).replace('-', '_'), properties.resolveProperty(key).orElse(""));
        }
        return facts;
    }

}
