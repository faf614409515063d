package io.conciergehub;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.ops.LogFiles;
import io.conciergehub.ops.Settings;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first of the configuration classes ({@link Application#create()} lists them): it reads and
 * checks every setting before any package's bean is made, so a bad setting stops the start with
 * nothing created. It also binds what every package takes: the JSON mapper and the clock.
 *
 * <p>How the configuration classes work together (camel-main 4.16): camel-main binds the
 * {@code @BindToRegistry} methods of each class in the order they are listed, then calls their
 * {@code configure} methods in the same order, then creates the routes. The packages' beans are
 * lazy: Camel makes one when it is first asked for (by a route, a {@code configure} method, or as
 * another bean method's parameter, found in the registry by its type or by the name
 * {@code @BeanInject} gives), so a bean may take beans of any class and the order of methods in a
 * class does not matter. (Eager beans are made class by class, and within a class in an order
 * Camel sorts by parameter count, which a chain of three beans does not survive.) The settings
 * are made eagerly, here, first; the one other eager bean is the concierge's knowledge base,
 * which checks the hotel's facts before anything is created.
 */
public class HubConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HubConfiguration.class);

    private final Clock clock;

    public HubConfiguration() {
        this(Clock.systemUTC());
    }

    /** {@code clock}: what every bean reads the time from (tests pass one they move). */
    public HubConfiguration(Clock clock) {
        this.clock = clock;
    }

    /**
     * Every setting, read and checked before anything touches the data directory; they also give
     * the routes and {@code @PropertyInject} their {@code ms:} and {@code seconds:} functions.
     */
    @BindToRegistry
    public Settings settings(CamelContext context) {
        Settings settings = Settings.read(context.getPropertiesComponent());
        if (!settings.text("logging.dir").isEmpty()) {
            LogFiles.attach(Path.of(settings.text("logging.dir")), settings.text("logging.format"));
        }
        return settings;
    }

    @BindToRegistry(lazy = true)
    public ObjectMapper json() {
        return new ObjectMapper();
    }

    @BindToRegistry(lazy = true)
    public Clock clock() {
        return clock;
    }

    @Override
    public void configure(CamelContext context) {
        // Before the routes are added: routes made from templates get their descriptions and groups.
        TemplatedRoutes.install(context);
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        LOG.info("event=hub.configured dataDir={} provider={} redis={} llm={}",
                Path.of(settings.text("concierge.data-dir")).toAbsolutePath().normalize(),
                settings.text("messaging.provider"),
                settings.text("concierge.redis-url").isEmpty() ? "off (embedded fallbacks)" : "configured",
                settings.text("llm.base-url").isEmpty() ? "off" : "configured");
    }
}
