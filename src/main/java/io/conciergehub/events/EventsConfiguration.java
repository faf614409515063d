package io.conciergehub.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** Domain events: buffered in the database, forwarded to the cloud sink when one is configured. */
public class EventsConfiguration implements CamelConfiguration {

    /**
     * @param forwarded counts each forwarding attempt by its outcome: bound by ops, which keeps the meters
     * @param drainStopped whether the drain must stop: bound by ops, which knows the routes and the node's role
     */
    @BindToRegistry(lazy = true)
    public EventBuffer eventBuffer(Database db, FieldCrypto crypto, ObjectMapper json, Clock clock,
            @BeanInject("eventForwarded") Consumer<String> forwarded,
            @BeanInject("eventDrainStopped") BooleanSupplier drainStopped,
            @PropertyInject("events.sink-url") String sinkUrl,
            @PropertyInject("events.max-attempts") int maxAttempts,
            @PropertyInject("ms:events.retry-delay") long retryDelayMillis,
            @PropertyInject("ms:events.max-retry-delay") long maxRetryDelayMillis,
            @PropertyInject("ms:events.timeout") long timeoutMillis) {
        return new EventBuffer(db, json, crypto, forwarded, !sinkUrl.isEmpty(), maxAttempts, retryDelayMillis,
                maxRetryDelayMillis, timeoutMillis, drainStopped, clock);
    }

    @BindToRegistry(lazy = true)
    public EventIntake eventIntake(EventBuffer events, ObjectMapper json) {
        return new EventIntake(events, json);
    }
}
