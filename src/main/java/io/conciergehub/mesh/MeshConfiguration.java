package io.conciergehub.mesh;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.concierge.ConciergeService;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.guest.BookingRepository;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.Inbox;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.ops.Health;
import io.conciergehub.ops.Metrics;
import io.conciergehub.ops.CostMeter;
import io.conciergehub.ops.NodeStatus;
import io.conciergehub.ops.RouteControl;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The mesh gateway: commands and their worker, guest queries, booking sync, dead letters, stats. */
public class MeshConfiguration implements CamelConfiguration {

    /** Its pause as gauges: {@code concierge_workers_paused} 0/1, and 1 for the reason it is paused by. */
    @BindToRegistry(lazy = true)
    public WorkerControl workerControl(RouteControl routeControl, Database db, Clock clock, Metrics metrics) {
        WorkerControl workers = new WorkerControl(routeControl, db, clock);
        metrics.gauge("concierge_workers_paused", "1 while the cloud-facing work (route group cloud) is paused, else 0",
                () -> workers.paused() ? 1 : 0);
        for (String reason : List.of(WorkerControl.NIGHT, WorkerControl.IDLE, WorkerControl.COMMAND)) {
            metrics.gauge("concierge_workers_pause_reason", "1 for the reason the cloud-facing work is paused"
                    + " (night, idle: the schedule; command: PAUSE_WORKERS), else 0",
                    () -> reason.equals(workers.state().reason()) ? 1 : 0, "reason", reason);
        }
        metrics.gauge("concierge_paid_pollers_paused", "1 while the budget's stored pause holds the paid pollers"
                + " (routes flights, weather) and the LLM, else 0", () -> workers.paidHeld() ? 1 : 0);
        return workers;
    }

    @BindToRegistry(lazy = true)
    public CommandStore commandStore(Database db, FieldCrypto crypto, ObjectMapper json, Outbox outbox, Clock clock,
            Metrics metrics, @PropertyInject("ms:privacy.message-retention") Duration retention) {
        CommandStore commands = new CommandStore(db, crypto, json, outbox, retention, clock);
        metrics.gauge("concierge_commands_queued", "Mesh commands waiting or running", commands::queued);
        return commands;
    }

    @BindToRegistry(lazy = true)
    public CommandApi commandApi(CommandStore store, CircuitBreakerRegistry breakers, ObjectMapper json,
            @PropertyInject("messaging.provider") String provider,
            @PropertyInject("seconds:mesh.circuit.open-duration") long openSeconds, @PropertyInject("concierge.default-region") String region) {
        return new CommandApi(new CommandRequests(json, "spoki".equals(provider), region), store, breakers, json,
                openSeconds);
    }

    @BindToRegistry(lazy = true)
    public CommandWorker commandWorker(RouteControl routeControl, Database db, CommandStore store, GuestRepository guests,
            BookingRepository bookings, Outbox outbox, WorkerControl workers, EventBuffer events, Metrics metrics, Clock clock,
            @PropertyInject("mesh.command-attempts") int maxAttempts,
            @PropertyInject("concierge.default-language") String defaultLanguage, @PropertyInject("concierge.default-region") String region,
            @PropertyInject("concierge.timezone") String timezone) {
        return new CommandWorker(db, store, new CommandActions(guests, bookings, outbox, workers, events, defaultLanguage, region,
                ZoneId.of(timezone)),
                metrics, maxAttempts, routeControl.suspended(CommandWorker.ROUTE), clock);
    }

    @BindToRegistry(lazy = true)
    public GuestQuery guestQuery(Database db, GuestRepository guests, ObjectMapper json, @PropertyInject("concierge.default-region") String region) {
        return new GuestQuery(db, guests, json, region);
    }

    @BindToRegistry(lazy = true)
    public ConciergePreview conciergePreview(ConciergeService concierge, ObjectMapper json) {
        return new ConciergePreview(concierge, json);
    }

    @BindToRegistry(lazy = true)
    public GuestMessages guestMessages(Database db, GuestRepository guests) {
        return new GuestMessages(db, guests);
    }

    @BindToRegistry(lazy = true)
    public BookingSync bookingSync(Database db, BookingRepository bookings, EventBuffer events, ObjectMapper json,
            Clock clock, @PropertyInject("concierge.default-region") String region) {
        return new BookingSync(db, bookings, events, json, clock, region);
    }

    @BindToRegistry(lazy = true)
    public WeeklyReport weeklyReport(Database db, Clock clock) {
        return new WeeklyReport(db, clock);
    }

    @BindToRegistry(lazy = true)
    public DeadLetterApi deadLetterApi(Database db, Outbox outbox, EventBuffer events, CommandStore commands,
            Clock clock) {
        return new DeadLetterApi(db, outbox, events, commands, clock);
    }

    /** @param node what the failover logic (a higher layer, which binds it) says of this node's role */
    @BindToRegistry(lazy = true)
    public MeshStats meshStats(Database db, Inbox inbox, Outbox outbox, CommandStore commands, EventBuffer events,
            CircuitBreakerRegistry breakers, WorkerControl workers, NodeStatus node, CostMeter costs) {
        return new MeshStats(db, inbox, outbox, commands, events, breakers, workers, node, costs);
    }

    /** /health names the workers' pause and the budget's of the paid pollers (who, why, since): details, not faults. */
    @Override
    public void configure(CamelContext context) {
        WorkerControl workers = context.getRegistry().findSingleByType(WorkerControl.class);
        context.getRegistry().findSingleByType(Health.class).detail("workers", () -> workers.state().view());
        context.getRegistry().findSingleByType(Health.class).detail("paidPollers", () -> workers.paidState().view());
    }
}
