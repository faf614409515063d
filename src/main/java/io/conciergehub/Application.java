package io.conciergehub;

import io.conciergehub.api.ApiConfiguration;
import io.conciergehub.concierge.ConciergeConfiguration;
import io.conciergehub.console.ConsoleConfiguration;
import io.conciergehub.console.StaffCommand;
import io.conciergehub.events.EventsConfiguration;
import io.conciergehub.failover.FailoverConfiguration;
import io.conciergehub.failover.PairCommand;
import io.conciergehub.failover.SnapshotCommands;
import io.conciergehub.guest.GuestConfiguration;
import io.conciergehub.journey.JourneyConfiguration;
import io.conciergehub.mesh.MeshConfiguration;
import io.conciergehub.messaging.MessagingConfiguration;
import io.conciergehub.ops.OpsConfiguration;
import io.conciergehub.ops.Settings;
import io.conciergehub.reservation.ReservationConfiguration;
import io.conciergehub.store.ConfigurationException;
import io.conciergehub.store.StoreConfiguration;
import io.conciergehub.watchers.WatchersConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.Main;

/**
 * Starts the hub ({@code run}, the default), or runs an operator's sub-command on its data
 * directory: {@code backup}, {@code restore <file|latest>}, {@code re-pair}, {@code staff …}. {@code concierge.role} (env
 * {@code CONCIERGE_ROLE}) selects the profile, i.e. {@code application-<role>.properties} on top
 * of {@code application.properties}; {@code HTTP_PORT} is accepted for {@code camel.server.port}.
 */
public final class Application {

    private static final String USAGE = """
            usage: java -jar concierge-hub.jar [run | backup | restore <file|latest> | re-pair | staff ...]
              run                     start the hub (the default)
              backup                  write a verified snapshot of <data-dir>/hub.db to <data-dir>/backups;
                                      the hub may be running
              restore <file|latest>   verify a snapshot and put it in place of <data-dir>/hub.db, keeping the
                                      replaced database beside it; the hub must be stopped
              re-pair                 forget the peer node this node is paired with (its node id), to pair with
                                      a rebuilt peer; the hub must be stopped
              staff add <name> --role admin|staff
                                      create a console account; the password is read from standard input
                                      (asked twice when typed); the hub must be stopped
              staff password <name> | staff disable <name> | staff enable <name> | staff list
                                      reset a password, disable or enable an account, list the accounts
            The data dir is concierge.data-dir (env CONCIERGE_DATA_DIR), ./data by default.""";

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            // Options (-p key=value ...) go to camel-main as they always did.
            start(args);
        } else if (args[0].equals("run")) {
            start(Arrays.copyOfRange(args, 1, args.length));
        } else {
            System.exit(command(args));
        }
    }

    /** Runs the hub; a setting it cannot read stops it with one line naming the setting, and exit code 2. */
    private static void start(String[] args) throws Exception {
        try {
            create().run(args);
        } catch (Exception failed) {
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConfigurationException unreadable) {
                    System.err.println("concierge-hub: configuration error: " + unreadable.getMessage());
                    System.exit(2);
                }
            }
            throw failed;
        }
    }

    /** A sub-command other than {@code run}; answers the process's exit code (0 done, 1 refused or failed, 2 usage). */
    private static int command(String[] args) {
        Path dataDir = Path.of(setting("concierge.data-dir"));
        SnapshotCommands snapshots = new SnapshotCommands(dataDir, System.out, System.err, Clock.systemUTC());
        if (args.length == 1 && args[0].equals("backup")) {
            return snapshots.backup(Settings.parseDuration(setting("backup.retention")));
        }
        if (args.length == 2 && args[0].equals("restore")) {
            return snapshots.restore(args[1]);
        }
        if (args.length == 1 && args[0].equals("re-pair")) {
            return new PairCommand(dataDir, System.out, System.err).rePair();
        }
        if (args[0].equals("staff")) {
            return new StaffCommand(dataDir, setting("concierge.encryption-key"), System.in, System.console(), System.out,
                    System.err).run(Arrays.asList(args).subList(1, args.length));
        }
        System.err.println(USAGE);
        return 2;
    }

    /**
     * The configured, not yet started, application; tests start it the same way production does.
     * No classpath scanning: the beans are those of the configuration classes below. They are
     * added as instances: camel-main 4.16 runs the bean methods of a class added by name twice.
     */
    /**
     * The configuration classes, new instances, in the order they bind their beans: the settings
     * first (HubConfiguration), then the packages, lowest layer first. Route tests add the same.
     */
    public static List<CamelConfiguration> configurations() {
        return configurations(Clock.systemUTC());
    }

    /** The same, every bean on {@code clock} (tests move time with one of their own). */
    public static List<CamelConfiguration> configurations(Clock clock) {
        return List.of(new HubConfiguration(clock), new StoreConfiguration(), new GuestConfiguration(),
                new ApiConfiguration(), new EventsConfiguration(), new OpsConfiguration(), new MessagingConfiguration(),
                new ConciergeConfiguration(), new MeshConfiguration(), new ReservationConfiguration(),
                new JourneyConfiguration(), new WatchersConfiguration(), new ConsoleConfiguration(),
                new FailoverConfiguration());
    }

    public static Main create() {
        return create(Clock.systemUTC());
    }

    /** The configured application on {@code clock}: the system clock in production, a test's own in tests. */
    public static Main create(Clock clock) {
        Main main = new Main();
        configurations(clock).forEach(main.configure()::addConfiguration);
        main.configure().setProfile(setting("concierge.role"));
        camelSettingsFromEnvironment(main);
        String httpPort = System.getenv("HTTP_PORT");
        if (httpPort != null && !httpPort.isBlank() && System.getenv("CAMEL_SERVER_PORT") == null) {
            main.addOverrideProperty("camel.server.port", httpPort.trim());
        }
        return main;
    }

    /**
     * camel-main reads few of Camel's own settings from the environment, and none whose variable
     * ends in _PORT: every camel.* key of application.properties is settable by its variable
     * (camel.server.port ← CAMEL_SERVER_PORT), like the hub's own.
     */
    private static void camelSettingsFromEnvironment(Main main) {
        Properties defaults = defaults();
        for (String key : defaults.stringPropertyNames()) {
            String value = key.startsWith("camel.") ? System.getenv(environmentName(key)) : null;
            if (value != null) {
                main.addOverrideProperty(key, value);
            }
        }
    }

    /** application.properties: the one place that holds the defaults. */
    private static Properties defaults() {
        Properties defaults = new Properties();
        try (InputStream in = Application.class.getResourceAsStream("/application.properties")) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("application.properties is missing from the jar", e);
        }
        return defaults;
    }

    private static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A setting read before Camel is: its system property, its environment variable, else its default. */
    private static String setting(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(environmentName(key));
        }
        return value == null || value.isBlank() ? defaults().getProperty(key).trim() : value.trim();
    }
}
