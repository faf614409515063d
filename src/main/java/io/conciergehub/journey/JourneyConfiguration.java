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
        return new Journey(db, guests, knowledge, outbox, clock, metrics, zone(settings), quietHours(settings),
                steps(settings), defaultLanguage, property, checkInTime);
    }

    /** What the outbox (a lower layer, which cannot name the journey) asks of a step's message at its send. */
    @BindToRegistry(value = "journeyCheck", lazy = true)
    public Outbox.JourneyCheck journeyCheck(Settings settings) {
        return new JourneySendCheck(quietHours(settings), zone(settings), steps(settings));
    }

    private static List<JourneyStep> steps(Settings settings) {
        return List.of(step(settings, JourneyStep.WELCOME, "journey_welcome"),
                step(settings, JourneyStep.PRE_ARRIVAL, "journey_pre_arrival"),
                step(settings, JourneyStep.CHECK_OUT, "journey_check_out"));
    }

    private static ZoneId zone(Settings settings) {
        return ZoneId.of(settings.text("concierge.timezone"));
    }

    private static QuietHours quietHours(Settings settings) {
        return QuietHours.parse(settings.text("journey.quiet-hours"));
    }

    private static JourneyStep step(Settings settings, String name, String reply) {
        String prefix = "journey." + name + ".";
        LocalTime time = JourneyStep.WELCOME.equals(name) ? null : LocalTime.parse(settings.text(prefix + "time"));
        return new JourneyStep(name, settings.flag(prefix + "enabled"), settings.duration(prefix + "offset"), time,
                settings.text(prefix + "template"), settings.text(prefix + "template-language"), reply);
    }
}
