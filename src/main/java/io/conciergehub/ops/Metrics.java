package io.conciergehub.ops;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/**
 * The hub's own meters, in the Prometheus registry that Camel's route metrics also use, so one
 * scrape of {@code /metrics} shows both.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry;
    // Meters are looked up on every message: building them each time costs more than the count.
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> webhookTimers = new ConcurrentHashMap<>();

    public Metrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + String.join(",", tags),
                key -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    public void messageIn(String provider) {
        counter("concierge_messages_in", "Guest messages accepted from a provider webhook", "provider", provider)
                .increment();
    }

    public void messageOut(String provider, String status) {
        counter("concierge_messages_out", "Outbound messages by final outcome of a send", "provider", provider,
                "status", status).increment();
    }

    public void statusCallback(String provider, String status) {
        counter("concierge_status_callbacks", "Delivery status callbacks received", "provider", provider,
                "status", status).increment();
    }

    public void ignoredEvent(String provider, String type) {
        counter("concierge_webhook_events_ignored", "Webhook events of types the hub does not handle",
                "provider", provider, "type", type).increment();
    }

    /** A reservation e-mail taken from the mailbox: booked, duplicate (seen before) or quarantined. */
    public void reservationMail(String outcome) {
        reservationMailCounter(outcome).increment();
    }

    /** The counter of one outcome, made at 0 when the mailbox is configured so alerts can rely on it. */
    public Counter reservationMailCounter(String outcome) {
        return counter("concierge_reservation_mails", "Reservation e-mails taken from the mailbox, by outcome", "outcome",
                outcome);
    }

    /** What paid calls cost, by item (flightaware, llm, template), in the budget's currency. */
    public void cost(String item, double amount) {
        counter("concierge_costs", "What paid calls cost, by item, in the budget's currency", "item", item)
                .increment(amount);
    }

    /** The watchers' counters, made at 0 so dashboards and alerts can rely on them. */
    public void watcherCounters() {
        counter("concierge_openweather_calls", "Calls to OpenWeather One Call");
        counter("concierge_weather_notices", "Weather alerts queued for guests");
        for (String kind : new String[] {"delay", "cancelled", "diverted"}) {
            counter("concierge_flight_notices", "Flight notices queued for guests, by kind", "kind", kind);
        }
    }

    /**
     * A paid call as the cost meter counted it (flightaware, llm, template): the one count of paid
     * calls; {@code concierge_costs_total} is what they cost.
     */
    public void paidCall(String item, long calls) {
        counter("concierge_paid_calls", "Paid calls (AeroAPI result sets, LLM answers, template messages), by item",
                "item", item).increment(calls);
    }

    /** A call to OpenWeather's One Call API (paid beyond its free calls a day). */
    public void openweatherCall() {
        counter("concierge_openweather_calls", "Calls to OpenWeather One Call").increment();
    }

    /** A weather alert queued for a guest. */
    public void weatherNotice() {
        counter("concierge_weather_notices", "Weather alerts queued for guests").increment();
    }

    /** A flight notice queued for a guest: delay, cancelled, diverted. */
    public void flightNotice(String kind) {
        counter("concierge_flight_notices", "Flight notices queued for guests, by kind", "kind", kind).increment();
    }

    /** A journey step's message queued for a guest (welcome, pre-arrival, check-out). */
    public void journeyStep(String step) {
        counter("concierge_journey_messages", "Guest journey messages queued, by step", "step", step).increment();
    }

    public void eventForwarded(String outcome) {
        counter("concierge_events_forwarded", "Attempts to forward a domain event to the sink, by outcome",
                "outcome", outcome).increment();
    }

    /** A staff alert on a channel (slack, email; none when it stopped before any): sent, failed, withdrawn, abandoned. */
    public void staffAlert(String channel, String outcome) {
        counter("concierge_staff_alerts", "Staff alerts by channel and outcome", "channel", channel, "outcome", outcome)
                .increment();
    }

    public void command(String action, String outcome) {
        counter("concierge_commands", "Mesh API commands executed, by action and outcome", "action", action,
                "outcome", outcome).increment();
    }

    /** Both failover counters exist from the start (at 0), so dashboards and alerts can rely on them. */
    public void failoverCounters(String role) {
        promotions(role);
        fenced(role);
    }

    public void failoverPromotion(String role) {
        promotions(role).increment();
    }

    private Counter promotions(String role) {
        return counter("concierge_failover_promotions", "Times this node took the active role because its peer went silent",
                "role", role);
    }

    public void failoverFenced(String role) {
        fenced(role).increment();
    }

    private Counter fenced(String role) {
        return counter("concierge_failover_fenced", "Times this node stopped consuming because a peer held a higher epoch",
                "role", role);
    }

    /** A constant 1 whose labels describe this node (Prometheus' info-metric idiom). */
    public void info(String name, String description, String... tags) {
        Gauge.builder(name, () -> 1).description(description).tags(tags).register(registry);
    }

    /** Time from the request's arrival to the moment its answer is ready, per webhook route. */
    public void webhookAnswered(Exchange exchange) {
        long elapsed = System.currentTimeMillis() - exchange.getClock().getCreated();
        webhookTimers.computeIfAbsent(exchange.getFromRouteId(), route -> Timer.builder("concierge_webhook_latency")
                .description("Webhook acknowledgement latency").tag("route", route).publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100))
                .register(registry)).record(Duration.ofMillis(elapsed));
    }

    /** Webhooks acknowledged since the start, of every provider. */
    public long webhooksAnswered() {
        long answered = 0;
        for (Timer timer : webhookTimers.values()) {
            answered += timer.count();
        }
        return answered;
    }

    /** How long the concierge waited for a burst of webhooks to be acknowledged before an answer. */
    public void conciergeGaveWay(long nanos) {
        counter("concierge_give_way_seconds", "Time the concierge waited for a burst of webhooks to be acknowledged")
                .increment(nanos / 1e9);
    }

    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).register(registry);
    }

    /**
     * Free and total bytes of the file system holding the data directory ({@code disk_free_bytes},
     * {@code disk_total_bytes}, label {@code path}): a full disk stops every write, acknowledgements
     * included. camel.metrics.binders cannot add this binder (it needs the directory).
     */
    public void diskSpace(Path dataDir) {
        new DiskSpaceMetrics(dataDir.toAbsolutePath().normalize().toFile()).bindTo(registry);
    }

    /** 0 closed, 1 half-open, 2 open, 3 other (disabled, forced, metrics-only), per breaker. */
    public void circuitStates(CircuitBreakerRegistry breakers) {
        breakers.getEventPublisher().onEntryAdded(added -> register(added.getAddedEntry()));
        breakers.getAllCircuitBreakers().forEach(this::register);
    }

    private void register(CircuitBreaker breaker) {
        Gauge.builder("concierge_circuit_state", breaker, b -> switch (b.getState()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
            default -> 3;
        }).description("Circuit breaker state: 0 closed, 1 half-open, 2 open, 3 other")
                .tag("name", breaker.getName()).register(registry);
    }
}
