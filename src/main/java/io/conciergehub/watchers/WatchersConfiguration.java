package io.conciergehub.watchers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.concierge.KnowledgeBase;
import io.conciergehub.concierge.StaffAlerts;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.mesh.CommandStore;
import io.conciergehub.mesh.WeeklyReport;
import io.conciergehub.mesh.WorkerControl;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.ops.CostMeter;
import io.conciergehub.ops.Metrics;
import io.conciergehub.ops.Settings;
import io.conciergehub.store.Database;
import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * The watchers: flights (watchers-flights.camel.yaml), weather alerts (watchers-weather.camel.yaml),
 * the night and idle pause of the cloud-facing work (watchers-schedules.camel.yaml), the budget
 * (watchers-budget.camel.yaml) and the reports to staff (watchers-reports.camel.yaml).
 */
public class WatchersConfiguration implements CamelConfiguration {

    /** Read by the route's precondition: without flightaware.api-key the flights route does not exist. */
    static final String FLIGHTS_ENABLED = "flightaware.enabled";
    /** Read by the route's precondition: without openweather.api-key the weather route does not exist. */
    static final String WEATHER_ENABLED = "openweather.enabled";

    @BindToRegistry(lazy = true)
    public Notices notices(GuestRepository guests, KnowledgeBase knowledge, Outbox outbox,
            @PropertyInject("concierge.default-language") String defaultLanguage) {
        return new Notices(guests, knowledge, outbox, defaultLanguage);
    }

    @BindToRegistry(lazy = true)
    public FlightWatch flightWatch(Database db, GuestRepository guests, Notices notices, Metrics metrics,
            CostMeter costs, ObjectMapper json, Clock clock, Settings settings) {
        Set<String> airports = Arrays.stream(settings.text("flights.airports").split(","))
                .map(code -> code.strip().toUpperCase(Locale.ROOT)).filter(code -> !code.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new FlightWatch(db, guests, notices, metrics, costs, json, clock, ZoneId.of(settings.text("concierge.timezone")),
                new FlightWatch.Settings(airports, settings.duration("flights.delay-threshold"),
                        settings.duration("flights.window"), settings.duration("flights.answer-cache"),
                        settings.duration("flights.far-answer-cache"), settings.duration("flights.near"),
                        new Notices.Template(settings.text("flights.notice-template"),
                                settings.text("flights.notice-template-language"))));
    }

    @BindToRegistry(lazy = true)
    public WeatherWatch weatherWatch(Database db, Notices notices, Metrics metrics, ObjectMapper json, Clock clock,
            Settings settings) {
        return new WeatherWatch(db, notices, metrics, json, clock, ZoneId.of(settings.text("concierge.timezone")),
                new Notices.Template(settings.text("weather.notice-template"),
                        settings.text("weather.notice-template-language")));
    }

    @BindToRegistry(lazy = true)
    public Schedules schedules(Database db, WorkerControl workers, CommandStore commands, Clock clock,
            Settings settings) throws ParseException {
        return new Schedules(db, workers, commands, clock, ZoneId.of(settings.text("concierge.timezone")),
                new Schedules.Settings(settings.text("schedules.pause-cron"), settings.text("schedules.resume-cron"),
                        settings.duration("schedules.idle-after"), settings.duration("schedules.arrivals-window")));
    }

    @BindToRegistry(lazy = true)
    public Budget budget(WorkerControl workers, CostMeter costs, StaffAlerts alerts, Clock clock, Settings settings) {
        return new Budget(workers, costs, alerts, clock, ZoneId.of(settings.text("concierge.timezone")),
                settings.count("costs.alert-percent"));
    }

    @BindToRegistry(lazy = true)
    public Reports reports(Database db, CostMeter costs, WeeklyReport weekly, StaffAlerts alerts, Clock clock) {
        return new Reports(db, costs, weekly, alerts, clock);
    }

    @Override
    public void configure(CamelContext context) {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        context.getRegistry().findSingleByType(Metrics.class).watcherCounters();
        context.getPropertiesComponent().addInitialProperty(FLIGHTS_ENABLED,
                String.valueOf(!settings.text("flightaware.api-key").isEmpty()));
        context.getPropertiesComponent().addInitialProperty(WEATHER_ENABLED,
                String.valueOf(!settings.text("openweather.api-key").isEmpty()));
    }
}
