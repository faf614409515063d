package io.conciergehub.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.RemoteAnswers;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.provider.LogProvider;
import io.conciergehub.messaging.provider.ProviderResponses;
import io.conciergehub.messaging.provider.SendFailureRecorder;
import io.conciergehub.messaging.provider.SpokiRequests;
import io.conciergehub.messaging.provider.WhatsAppCloudRequests;
import io.conciergehub.ops.CostMeter;
import io.conciergehub.ops.Metrics;
import io.conciergehub.ops.RouteControl;
import io.conciergehub.store.DataDirLock;
import io.conciergehub.store.Database;
import io.conciergehub.store.SqliteIdempotentRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.IdempotentRepository;

/** Guests' messages in (the providers' webhooks, the inbox) and out (the outbox, the providers' requests). */
public class MessagingConfiguration implements CamelConfiguration {

    /** @param webhookKeys when SQLite keeps them, the inbox records a message's key in its own transaction */
    @BindToRegistry(lazy = true)
    public Inbox inbox(Database db, GuestRepository guests, Metrics metrics, EventBuffer events, Outbox outbox,
            Clock clock, @BeanInject("webhookIdempotency") IdempotentRepository webhookKeys) {
        Inbox inbox = new Inbox(db, guests, metrics, events,
                webhookKeys instanceof SqliteIdempotentRepository sqlite ? sqlite : null, outbox, clock);
        metrics.gauge("concierge_inbound_pending", "Guest messages waiting for the concierge's answer", inbox::pending);
        return inbox;
    }

    /**
     * @param sendingEpoch the epoch a send is recorded under, -1 when this node must not send (failover binds it)
     * @param knownEpoch the highest epoch this node knows of (failover binds it)
     * @param journeyCheck what the journey says of its messages at the send (the journey binds it)
     */
    @BindToRegistry(lazy = true)
    public Outbox outbox(RouteControl routeControl, Database db, GuestRepository guests, Metrics metrics, EventBuffer events,
            Clock clock, @BeanInject("sendingEpoch") LongSupplier sendingEpoch,
            @BeanInject("knownEpoch") LongSupplier knownEpoch,
            @BeanInject("journeyCheck") Outbox.JourneyCheck journeyCheck,
            @PropertyInject("messaging.provider") String provider,
            @PropertyInject("messaging.window-template") String windowTemplate,
            @PropertyInject("ms:messaging.circuit.open-duration") Duration circuitOpenDuration, CostMeter costs) {
        // A suspended sender (route control, a node turning passive): a message handed to it just then stays queued.
        Outbox outbox = new Outbox(db, guests, metrics, costs, events, storedProviderName(provider), windowTemplate,
                circuitOpenDuration, sendingEpoch, knownEpoch, routeControl.suspended(Outbox.SENDER_ROUTE), journeyCheck,
                clock);
        metrics.gauge("concierge_outbox_depth", "Outbound messages waiting to be sent", outbox::depth);
        return outbox;
    }

    /** Messages are stored under the name the provider's webhooks use, so status callbacks find them. */
    private static String storedProviderName(String configured) {
        return switch (configured) {
            case "spoki" -> SpokiWebhook.PROVIDER;
            case "whatsapp-cloud" -> WhatsAppWebhook.PROVIDER;
            case "log" -> "log";
            default -> throw new IllegalArgumentException(
                    "messaging.provider must be spoki, whatsapp-cloud or log, not '" + configured + "'");
        };
    }

    @BindToRegistry(lazy = true)
    public MessageRetention messageRetention(Database db, Clock clock,
            @PropertyInject("ms:privacy.message-retention") Duration retention) {
        return new MessageRetention(db, retention, clock);
    }

    @BindToRegistry(lazy = true)
    public SpokiWebhook spokiWebhook(@PropertyInject("spoki.webhook-secret") String secret, ObjectMapper json,
            Clock clock) {
        return new SpokiWebhook(secret, json, clock);
    }

    @BindToRegistry(lazy = true)
    public WhatsAppWebhook whatsappWebhook(@PropertyInject("whatsapp.app-secret") String appSecret,
            @PropertyInject("whatsapp.verify-token") String verifyToken, ObjectMapper json) {
        return new WhatsAppWebhook(appSecret, verifyToken, json);
    }

    @BindToRegistry(lazy = true)
    public SpokiRequests spokiRequests() {
        return new SpokiRequests();
    }

    @BindToRegistry(lazy = true)
    public WhatsAppCloudRequests whatsappCloudRequests() {
        return new WhatsAppCloudRequests();
    }

    /** The embedded provider: outbound messages go to a file in the data directory. */
    @BindToRegistry(lazy = true)
    public LogProvider logProvider(DataDirLock dataDir, ObjectMapper json, Clock clock) {
        return new LogProvider(dataDir.directory().resolve("outbound.jsonl"), json, clock);
    }

    @BindToRegistry(lazy = true)
    public ProviderResponses providerResponses(RemoteAnswers remoteAnswers, ObjectMapper json) {
        return new ProviderResponses(remoteAnswers, json);
    }

    @BindToRegistry(lazy = true)
    public SendFailureRecorder sendFailureRecorder(Outbox outbox) {
        return new SendFailureRecorder(outbox);
    }
}
