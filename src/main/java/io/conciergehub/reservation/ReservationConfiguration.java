package io.conciergehub.reservation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.guest.BookingRepository;
import io.conciergehub.mesh.BookingSync;
import io.conciergehub.ops.Health;
import io.conciergehub.ops.Metrics;
import io.conciergehub.ops.Settings;
import io.conciergehub.store.Database;
import io.conciergehub.store.SqliteIdempotentRepository;
import java.time.Clock;
import java.util.Locale;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Registry;

/**
 * Reservations coming in: the confirmation e-mails of the mailbox (reservation-mail.camel.yaml),
 * their parsers and the model's reading of the mails no parser recognises, and Smoobu's webhook
 * (reservation-smoobu.camel.yaml).
 */
public class ReservationConfiguration implements CamelConfiguration {

    /** Read by the route's precondition: without imap.url the reservations-mail route does not exist. */
    static final String MAIL_ENABLED = "imap.enabled";

    @BindToRegistry(lazy = true)
    public ReservationParsers reservationParsers(@PropertyInject("concierge.default-region") String region) {
        return new ReservationParsers(region);
    }

    @BindToRegistry(lazy = true)
    public ReservationMails reservationMails(ReservationParsers parsers, BookingSync bookingSync,
            SmoobuReservations smoobuReservations, Database db, Metrics metrics, Clock clock) {
        return new ReservationMails(parsers, bookingSync, smoobuReservations, db, metrics, clock);
    }

    /** Mails no parser recognises go to the model when llm.base-url is set (as the concierge's questions do). */
    @BindToRegistry(lazy = true)
    public ReservationExtraction reservationExtraction(@PropertyInject("llm.base-url") String llmUrl,
            @PropertyInject("llm.model") String model, @PropertyInject("concierge.default-region") String region,
            ObjectMapper json) {
        return new ReservationExtraction(!llmUrl.isEmpty(), model, region, json);
    }

    /**
     * Mails already taken in, by Message-ID. Always in the database, never expiring (the webhooks'
     * Redis keys expire after 7 days; a mail may be forwarded again months later); the table
     * replicates to the standby, so a failover books nothing twice either.
     */
    @BindToRegistry(lazy = true)
    public IdempotentRepository reservationMailIdempotency(Database db) {
        return new SqliteIdempotentRepository(db, "reservations-mail");
    }

    @BindToRegistry(lazy = true)
    public SmoobuWebhook smoobuWebhook(@PropertyInject("smoobu.webhook-secret") String secret,
            @PropertyInject("smoobu.api-key") String apiKey, ObjectMapper json) {
        return new SmoobuWebhook(secret, apiKey, json);
    }

    /** @param region checked at start (ops/Settings): a country code libphonenumber knows */
    @BindToRegistry(lazy = true)
    public SmoobuReservations smoobuReservations(Database db, BookingSync bookingSync, BookingRepository bookings,
            @PropertyInject("concierge.default-region") String region, Clock clock) {
        return new SmoobuReservations(db, bookingSync, bookings, region.strip().toUpperCase(Locale.ROOT), clock);
    }

    @BindToRegistry(lazy = true)
    public MailboxWatch mailboxWatch() {
        return new MailboxWatch();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        Settings settings = registry.findSingleByType(Settings.class);
        boolean enabled = !settings.text("imap.url").isEmpty();
        context.getPropertiesComponent().addInitialProperty(MAIL_ENABLED, String.valueOf(enabled));
        if (enabled) {
            MailboxWatch watch = registry.findSingleByType(MailboxWatch.class);
            registry.findSingleByType(Health.class).watch("mailbox", watch::problem);
            Metrics metrics = registry.findSingleByType(Metrics.class);
            for (String outcome : new String[] {"booked", "extracted", "duplicate", "quarantined"}) {
                metrics.reservationMailCounter(outcome);
            }
        }
    }
}
