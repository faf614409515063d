package io.conciergehub.support;

import io.conciergehub.Application;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A route-level test: camel-test-main-junit5 builds a Camel context the way the jar's camel-main
 * does (application.properties under the primary profile, the hub's configuration, the YAML routes
 * of {@code camel.main.routes-include-pattern}), one per test class, on its own data directory and
 * port. A test class names what it changes in its own {@code @CamelMainTest} (properties, advices,
 * mocked endpoints) and looks at the outcome through {@link #hub}.
 */
@CamelMainTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(HubRouteTest.OwnDataDirAndPort.class)
public abstract class HubRouteTest implements CamelContextAware {

    /** The hub of this class, seen from outside: its HTTP API and its database. */
    protected HubClient hub;
    /** Its Camel context, set by camel-test-main-junit5 before the first test. */
    protected CamelContext context;

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    /** What {@code Application.create()} configures besides properties. */
    @Configure
    protected void configureAsTheJarDoes(MainConfigurationProperties configuration) {
        Application.configurations().forEach(configuration::addConfiguration);
        configuration.setProfile("primary");
    }

    /**
     * A fresh data directory, a free port and the test API key for the class's lifetime. They are
     * JVM system properties because @CamelMainTest's properties are constants; Camel reads system
     * properties before any other source, so a test class must not set these itself.
     */
    static final class OwnDataDirAndPort implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            Path dataDir = Files.createTempDirectory("hub-route-test-");
            int port = TestHub.freePort();
            settings(dataDir, port).forEach(System::setProperty);
            ((HubRouteTest) context.getRequiredTestInstance()).hub = new HubClient(port, dataDir);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            settings(Path.of(""), 0).keySet().forEach(System::clearProperty);
        }

        private static Map<String, String> settings(Path dataDir, int port) {
            return Map.of("concierge.data-dir", dataDir.toString(), "camel.server.port", String.valueOf(port),
                    "concierge.api-keys", TestHub.API_KEY);
        }
    }
}
