package io.conciergehub.reservation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.guest.BookingRepository;
import io.conciergehub.mesh.BookingSync;
import io.conciergehub.store.Database;
import java.time.Clock;
import java.util.Locale;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** Smoobu's webhook (reservation-smoobu.camel.yaml): reservations from the channel manager become bookings. */
public class SmoobuConfiguration implements CamelConfiguration {

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
}
