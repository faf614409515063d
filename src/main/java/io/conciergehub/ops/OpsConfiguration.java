package io.conciergehub.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys;
import io.conciergehub.events.DeadLetters;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.store.DataDirLock;
import io.conciergehub.store.Database;
import io.conciergehub.store.StoreConfiguration;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.spi.Registry;

/**
 * Health, metrics, route control and the HTTP server's own guards: what an operator watches and
 * steers the hub with.
 */
public class OpsConfiguration implements CamelConfiguration {

    /** One registry for Camel's route metrics and ours: camel-micrometer's, if it made one already. */
    @BindToRegistry(lazy = true)
    public Metrics metrics(Registry registry, CircuitBreakerRegistry breakers, DataDirLock dataDir) {
        PrometheusMeterRegistry prometheus = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                PrometheusMeterRegistry.class);
        if (prometheus == null) {
            prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, prometheus);
        }
        Metrics metrics = new Metrics(prometheus);
        metrics.diskSpace(dataDir.directory());
        metrics.circuitStates(breakers);
        return metrics;
    }

    /** What the event buffer (a lower layer, which cannot name {@link Metrics}) calls on each forwarding attempt. */
    @BindToRegistry(lazy = true)
    public CostMeter costMeter(Database db, ObjectMapper json, Metrics metrics, Clock clock, Settings settings) {
        CostMeter costs = new CostMeter(db, json, metrics, clock, ZoneId.of(settings.text("concierge.timezone")),
                new CostMeter.Prices(Map.of(CostMeter.Item.FLIGHTAWARE, settings.decimal("costs.flightaware-per-call"),
                        CostMeter.Item.LLM, settings.decimal("costs.llm-per-1k-tokens"),
                        CostMeter.Item.TEMPLATE, settings.decimal("costs.template-message")),
                        settings.decimal("costs.monthly-budget")));
        // The month against the budget, for the dashboard: counters restart with the process, these do not.
        metrics.gauge("concierge_costs_month", "What this month's paid calls cost so far (cost_days, hotel time)",
                () -> (Number) costs.monthToDate().get("spent"));
        metrics.gauge("concierge_costs_budget", "The month's budget (costs.monthly-budget; 0: none)",
                () -> settings.decimal("costs.monthly-budget"));
        return costs;
    }

    @BindToRegistry(value = "eventForwarded", lazy = true)
    public Consumer<String> eventForwarded(Metrics metrics) {
        return metrics::eventForwarded;
    }

    /**
     * What the event drain (a lower layer, which cannot name {@link RouteControl} or {@link NodeStatus})
     * asks before each event: stop once its route is being suspended or this node is not active.
     */
    @BindToRegistry(value = "eventDrainStopped", lazy = true)
    public BooleanSupplier eventDrainStopped(RouteControl routeControl, NodeStatus node) {
        BooleanSupplier suspended = routeControl.suspended(EventBuffer.DRAIN_ROUTE);
        return () -> suspended.getAsBoolean() || !node.active();
    }

    @BindToRegistry(lazy = true)
    public CircuitBreakerRegistry circuitBreakerRegistry() {
        return CircuitBreakerRegistry.ofDefaults();
    }

    /**
     * Runs calls guarded by a breaker timeout. Without it resilience4j falls back to
     * CompletableFuture's default, which on a two-core machine starts a new thread per call.
     */
    @BindToRegistry(lazy = true)
    public ExecutorService circuitBreakerExecutor(CamelContext context) {
        return context.getExecutorServiceManager().newCachedThreadPool(this, "circuit-breaker");
    }

    @BindToRegistry(lazy = true)
    public RouteControl routeControl(CamelContext context) {
        return new RouteControl(context);
    }

    /** Route control for operators: /api/routes. */
    @BindToRegistry(lazy = true)
    public RouteApi routeApi(RouteControl routeControl, StoredPauses pauses) {
        return new RouteApi(routeControl, pauses);
    }

    /** @param node what the failover logic (a higher layer, which binds it) says of this node's role */
    @BindToRegistry(lazy = true)
    public Health health(Database db, Registry registry, CircuitBreakerRegistry breakers, ApiKeys apiKeys,
            ObjectMapper json, NodeStatus node, DataDirLock dataDir, Settings settings,
            @PropertyInject("messaging.provider") String provider,
            @PropertyInject("alerts.slack-webhook-url") String slackUrl, @PropertyInject("alerts.email-to") String emailTo) {
        List<String> alertChannels = new ArrayList<>();
        if (!slackUrl.isEmpty()) {
            alertChannels.add("slack");
        }
        if (!emailTo.isEmpty()) {
            alertChannels.add("email");
        }
        return new Health(db, StoreConfiguration.redis(registry), breakers, apiKeys, json, node, provider,
                alertChannels, dataDir.directory(), settings.bytes("health.min-free-disk"));
    }

    /** The HTTP server's handlers, mounted before it starts and before the routes are added. */
    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        Settings settings = registry.findSingleByType(Settings.class);
        ApiGate apiGate = registry.findSingleByType(ApiGate.class);
        ObjectMapper json = registry.findSingleByType(ObjectMapper.class);
        ClassDataArchive.announceAtStop(context);
        // Every platform-http route: no request header or query parameter is written back in an answer.
        context.getComponent("platform-http", PlatformHttpComponent.class).setHeaderFilterStrategy(new HttpHeaderPolicy());
        // Before the routes are added: their MBeans are made as they are. The stored pauses (bound by
        // a higher layer) are looked up when an operator starts a route, not now.
        GuardedRouteMBeans.install(context, registry.findSingleByType(NodeStatus.class)::active,
                routeId -> {
                    StoredPauses pauses = registry.findSingleByType(StoredPauses.class);
                    return pauses == null ? null : pauses.holds(routeId);
                });
        OneMBeanInfoPerClass.install(context);
        // The API gate in front of Jolokia (/observe/*).
        ObserveGate.install(context, apiGate, registry.findSingleByType(ApiKeys.class), json);
        // /health answers 503 JSON until the hub has started, not the server's 404 page.
        HealthWhileStarting.install(context, registry.findSingleByType(NodeStatus.class)::started);
        // Connections: idle ones closed, requests framed two ways refused.
        HttpConnections.install(context, settings.millis("http.idle-timeout"));
        // In front of every route, before the server starts: malformed requests, and a flood guard on
        // what anyone may read without a key (the REST DSL's OpenAPI route takes no steps of ours).
        HttpGate.mount(context, MalformedRequests.PATH, maxBodySize -> new MalformedRequests(json));
        for (String path : List.of("/health", settings.text("camel.rest.api-context-path"))) {
            HttpGate.mount(context, path, maxBodySize -> new HttpGate(context, json, apiGate::admitPublic,
                    RoutingContext::next, null));
        }
        EventBuffer events = registry.findSingleByType(EventBuffer.class);
        Metrics metrics = registry.findSingleByType(Metrics.class);
        metrics.gauge("concierge_event_buffer_size", "Domain events waiting for the sink", events::size);
        Database db = registry.findSingleByType(Database.class);
        metrics.gauge("concierge_dead_letters", "Dead letters not yet replayed", () -> db.read(DeadLetters::waiting));
    }
}
