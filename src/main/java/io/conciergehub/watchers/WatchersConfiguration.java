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
import io.conciergehub.store.DataDirLock;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.SqliteAggregationRepository;
import io.conciergehub.store.StoreConfiguration;
import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.redis.processor.aggregate.RedisAggregationRepository;
import org.apache.camel.spi.AggregationRepository;
import org.redisson.api.RedissonClient;

/**
 * The watchers: flights (watchers-flights.camel.yaml), weather alerts (watchers-weather.camel.yaml),
 * the notices they send in batches (watchers-notices.camel.yaml), the night and idle pause of the
 * cloud-facing work (watchers-schedules.camel.yaml), the budget (watchers-budget.camel.yaml) and
 * the reports to staff (watchers-reports.camel.yaml).
 */
public class WatchersConfiguration implements CamelConfiguration {

    /** Read by the route's precondition: without flightaware.api-key the flights route does not exist. */
    static final String FLIGHTS_ENABLED = "flightaware.enabled";
    /** Read by the route's precondition: without openweather.api-key the weather route does not exist. */
    static final String WEATHER_ENABLED = "openweather.enabled";
    private static final int NOTICE_BATCH_ATTEMPTS = 3;
    private static final String NOTICE_BATCH_DROPPED = "direct:notice-batches-dropped";

    @BindToRegistry(lazy = true)
    public Notices notices(GuestRepository guests, KnowledgeBase knowledge,
            @PropertyInject("concierge.default-language") String defaultLanguage) {
        return new Notices(guests, knowledge, defaultLanguage);
    }

    @BindToRegistry(lazy = true)
    public NoticeBatches noticeBatches(Database db, Outbox outbox, ObjectMapper json, FieldCrypto crypto,
            Clock clock) {
        return new NoticeBatches(db, outbox, json, crypto, clock);
    }

    /**
     * Where guests' notices wait for their batch: Redis when configured (both nodes see it, so a
     * standby that takes over sends what the primary had batched), else a SQLite file of the node's
     * own. A completed batch that fails to be queued is tried again (recovery) a few times, then
     * dropped with a warning (its guest was erased, say).
     */
    @BindToRegistry(lazy = true)
    public AggregationRepository noticeBatchRepository(CamelContext context, DataDirLock dataDir) {
        RedissonClient redis = StoreConfiguration.redis(context.getRegistry());
        if (redis != null) {
            RedisAggregationRepository repository = new RedisAggregationRepository();
            repository.setRedisson(redis);
            repository.setMapName("concierge:notice-batches");
            repository.setMaximumRedeliveries(NOTICE_BATCH_ATTEMPTS);
            repository.setDeadLetterUri(NOTICE_BATCH_DROPPED);
            return repository;
        }
        SqliteAggregationRepository repository = new SqliteAggregationRepository(
                Database.ownedByALibrary(dataDir.directory(), "notice-batches.db", "classpath:db/batches"), "batches");
        repository.setMaximumRedeliveries(NOTICE_BATCH_ATTEMPTS);
        repository.setDeadLetterUri(NOTICE_BATCH_DROPPED);
        return repository;
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
                        settings.duration("flights.far-answer-cache"), Map.of(
                                "delay", flightTemplate(settings, "flights.notice-template"),
                                "cancelled", flightTemplate(settings, "flights.cancelled-notice-template"),
                                "diverted", flightTemplate(settings, "flights.diverted-notice-template"))));
    }

    private static Notices.Template flightTemplate(Settings settings, String key) {
        return new Notices.Template(settings.text(key), settings.text("flights.notice-template-language"));
    }

    @BindToRegistry(lazy = true)
    public WeatherWatch weatherWatch(Database db, Notices notices, Metrics metrics, ObjectMapper json, Clock clock,
            Settings settings, @PropertyInject(value = "hotel.check-out-time", defaultValue = "") String checkOutTime) {
        return new WeatherWatch(db, notices, metrics, json, clock, ZoneId.of(settings.text("concierge.timezone")),
                new Notices.Template(settings.text("weather.notice-template"),
                        settings.text("weather.notice-template-language")), checkOutTime);
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
