package io.conciergehub;

import org.apache.camel.main.Main;

/**
 * Starts the hub. {@code concierge.role} (env {@code CONCIERGE_ROLE}) selects the profile, i.e.
 * {@code application-<role>.properties} on top of {@code application.properties}; {@code HTTP_PORT}
 * is accepted for {@code camel.server.port}.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Main main = create();
        main.run(args);
    }

    /** The configured, not yet started, application; tests start it the same way production does. */
    public static Main create() {
        Main main = new Main(); // no classpath scanning: beans are wired in HubConfiguration alone
        main.configure().addConfiguration(HubConfiguration.class);
        main.configure().setProfile(setting("concierge.role", "primary"));
        String httpPort = System.getenv("HTTP_PORT");
        if (httpPort != null && !httpPort.isBlank() && System.getenv("CAMEL_SERVER_PORT") == null) {
            main.addOverrideProperty("camel.server.port", httpPort.trim());
        }
        return main;
    }

    private static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
