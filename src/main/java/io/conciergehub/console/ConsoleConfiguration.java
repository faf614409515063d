package io.conciergehub.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiConfiguration;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.journey.Journey;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.ops.HttpGate;
import io.conciergehub.ops.Metrics;
import io.conciergehub.ops.NodeStatus;
import io.conciergehub.store.DataDirLock;
import io.conciergehub.store.Database;
import java.time.Clock;
import java.util.function.Supplier;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;

/** The staff console: accounts, sessions, their gate, its page and live feed (docs/console.md). */
public class ConsoleConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public Passwords passwords() {
        return new Passwords();
    }

    @BindToRegistry(lazy = true)
    public StaffAccounts staffAccounts(Database db, Clock clock) {
        return new StaffAccounts(db, clock);
    }

    @BindToRegistry(lazy = true)
    public StaffSessions staffSessions(Database db, Clock clock,
            @PropertyInject("ms:console.refresh-ttl") long refreshTtlMillis) {
        return new StaffSessions(db, clock, refreshTtlMillis);
    }

    /** The JWT key: console.jwt-secret, or the data directory's console-jwt.key (made at the first start). */
    @BindToRegistry(lazy = true)
    public SessionTokens sessionTokens(DataDirLock dataDir, Clock clock,
            @PropertyInject("console.jwt-secret") String secret,
            @PropertyInject("ms:console.session-ttl") long ttlMillis) {
        return SessionTokens.fromConfiguredOrFile(secret, dataDir.directory(), clock, ttlMillis);
    }

    @BindToRegistry(lazy = true)
    public ConsoleGate consoleGate(ApiGate apiGate, SessionTokens tokens, StaffSessions sessions) {
        return new ConsoleGate(apiGate, tokens, sessions);
    }

    /** Login attempts counted in Redis when configured (both nodes share them), in memory otherwise. */
    @BindToRegistry(lazy = true)
    public SessionApi consoleSessions(StaffAccounts accounts, StaffSessions sessions, SessionTokens tokens,
            Passwords passwords, ApiGate apiGate, ObjectMapper json, Clock clock, NodeStatus node, Registry registry,
            @PropertyInject("console.login-rate-limit") int perAddress,
            @PropertyInject("console.login-account-rate-limit") int perAccount,
            @PropertyInject("ms:console.login-rate-window") long windowMillis,
            @PropertyInject("console.lockout-after") int lockoutAfter,
            @PropertyInject("ms:console.lockout-duration") long lockoutMillis) {
        LoginGuard guard = new LoginGuard(ApiConfiguration.rateLimiter(registry, clock), clock, perAddress, perAccount, windowMillis, lockoutAfter,
                lockoutMillis);
        return new SessionApi(accounts, sessions, tokens, passwords, guard, apiGate, json, clock, node);
    }

    @BindToRegistry(lazy = true)
    public StaffApi staffApi(StaffAccounts accounts, Passwords passwords, ObjectMapper json, Clock clock) {
        return new StaffApi(accounts, passwords, json, clock);
    }

    /** The inbox: conversations, replies through the outbox, takes and resolutions (docs/console.md "Inbox"). */
    @BindToRegistry(lazy = true)
    public InboxApi consoleInbox(Database db, GuestRepository guests, Outbox outbox, Journey journey,
            ObjectMapper json, Clock clock, @PropertyInject("messaging.provider") String provider,
            @PropertyInject("concierge.default-language") String defaultLanguage) {
        return new InboxApi(db, guests, outbox, journey, json, clock, "spoki".equals(provider), defaultLanguage);
    }

    /** The live feed's open consoles; the console-live-push and console-live-heartbeat routes drive it. */
    @BindToRegistry(lazy = true)
    public LiveFeed consoleLive(Database db, StaffSessions sessions, NodeStatus node, ObjectMapper json, Clock clock,
            @PropertyInject("console.live-batch") int batch, @PropertyInject("ms:console.live-keep") long keepMillis,
            @PropertyInject("failover.peer-url") String peerUrl) {
        return new LiveFeed(db, sessions, node, json, clock, batch, keepMillis, peerUrl);
    }

    /**
     * The page and the live feed on the hub's own HTTP server, mounted before it starts (as
     * ops/HttpGate mounts its checks): the page's three files at /console, and the WebSocket
     * /console/live behind the console gate (a live session, the API's rate limits, an audit line).
     */
    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        ObjectMapper json = registry.findSingleByType(ObjectMapper.class);
        Supplier<LiveFeed> feed = () -> registry.lookupByNameAndType("consoleLive", LiveFeed.class);
        ConsolePage.PATHS.forEach((path, file) -> {
            ConsolePage page = new ConsolePage(file);
            HttpGate.mountOnMain(context, path, maxBodySize -> page);
        });
        HttpGate.mountOnMain(context, "/console/live", maxBodySize -> {
            ConsoleGate gate = registry.lookupByNameAndType("consoleGate", ConsoleGate.class);
            ApiGate apiGate = registry.findSingleByType(ApiGate.class);
            return new HttpGate(context, json, gate::admitSession,
                    new LiveSocket(feed, registry.findSingleByType(SessionTokens.class)), apiGate::audit);
        });
        registry.findSingleByType(Metrics.class).gauge("concierge_console_live_open",
                "Consoles with the live feed open on this node", () -> feed.get().open());
    }
}
