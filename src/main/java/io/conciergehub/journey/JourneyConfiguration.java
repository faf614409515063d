package io.conciergehub.journey;

import io.conciergehub.concierge.KnowledgeBase;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.ops.Metrics;
import io.conciergehub.ops.Settings;
import io.conciergehub.store.Database;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The guest journey: scheduled messages relative to each booking (route {@code guest-journey}). */
public class JourneyConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public Journey journey(Database db, GuestRepository guests, KnowledgeBase knowledge, Outbox outbox, Clock clock,
            Metrics metrics, Settings settings, @PropertyInject("concierge.default-language") String defaultLanguage,
            @PropertyInject(value = "hotel.name", defaultValue = "") String property,
            @PropertyInject(value = "hotel.check-in-time", defaultValue = "") String checkInTime) {
        List<JourneyStep> steps = List.of(step(settings, JourneyStep.WELCOME, "journey_welcome"),
                step(settings, JourneyStep.PRE_ARRIVAL, "journey_pre_arrival"),
                step(settings, JourneyStep.CHECK_OUT, "journey_check_out"));
        return new Journey(db, guests, knowledge, outbox, clock, metrics, ZoneId.of(settings.text("concierge.timezone")),
                QuietHours.parse(settings.text("journey.quiet-hours")), steps, defaultLanguage, property, checkInTime);
    }

    private static JourneyStep step(Settings settings, String name, String reply) {
        String prefix = "journey." + name + ".";
        LocalTime time = JourneyStep.WELCOME.equals(name) ? null : LocalTime.parse(settings.text(prefix + "time"));
        return new JourneyStep(name, settings.flag(prefix + "enabled"), settings.duration(prefix + "offset"), time,
                settings.text(prefix + "template"), settings.text(prefix + "template-language"), reply);
    }
}
