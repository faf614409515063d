package io.conciergehub.ops;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/**
 * The hub's own meters, in the Prometheus registry that Camel's route metrics also use, so one
 * scrape of {@code /metrics} shows both.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry;

    public Metrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void messageIn(String provider) {
        Counter.builder("concierge_messages_in").description("Guest messages accepted from a provider webhook")
                .tag("provider", provider).register(registry).increment();
    }

    public void messageOut(String provider, String status) {
        Counter.builder("concierge_messages_out").description("Outbound messages by final outcome of a send")
                .tag("provider", provider).tag("status", status).register(registry).increment();
    }

    public void statusCallback(String provider, String status) {
        Counter.builder("concierge_status_callbacks").description("Delivery status callbacks received")
                .tag("provider", provider).tag("status", status).register(registry).increment();
    }

    public void ignoredEvent(String provider, String type) {
        Counter.builder("concierge_webhook_events_ignored").description("Webhook events of types the hub does not handle")
                .tag("provider", provider).tag("type", type).register(registry).increment();
    }

    /** Time from the request's arrival to the moment its answer is ready, per webhook route. */
    public void webhookAnswered(Exchange exchange) {
        long elapsed = System.currentTimeMillis() - exchange.getClock().getCreated();
        Timer.builder("concierge_webhook_latency").description("Webhook acknowledgement latency")
                .tag("route", exchange.getFromRouteId()).publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100))
                .register(registry).record(Duration.ofMillis(elapsed));
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
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
