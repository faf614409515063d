package io.conciergehub.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one line that says the hub is up, once its role is decided: where it listens, what it is and
 * where its data is (no secrets). Camel's route and endpoint lists are off; they are here at DEBUG.
 */
public final class ReadyLine {

    private static final Logger LOG = LoggerFactory.getLogger(ReadyLine.class);

    private ReadyLine() {
    }

    /** {@code role} and {@code active}: what the failover logic decided (ops does not reach up to it). */
    public static void log(CamelContext context, Settings settings, String role, boolean active, Path dataDir) {
        String url = "http://" + settings.text("camel.server.host") + ":" + settings.count("camel.server.port");
        LOG.info("event=hub.ready url={} role={} active={} provider={} dataDir={} version={}", url, role,
                active, settings.text("messaging.provider"), dataDir.toAbsolutePath().normalize(), version());
        if (LOG.isDebugEnabled()) {
            context.getRoutes().forEach(route -> LOG.debug("event=hub.route id={} group={} from={}", route.getRouteId(),
                    route.getGroup(), route.getEndpoint().getEndpointBaseUri()));
            new TreeSet<>(context.getComponent("platform-http", PlatformHttpComponent.class).getHttpEndpoints())
                    .forEach(endpoint -> LOG.debug("event=hub.endpoint url={}{} methods={}", url, endpoint.getUri(),
                            endpoint.getVerbs()));
        }
    }

    /** The build's version (Maven fills the resource in); "unknown" outside a build. */
    static String version() {
        Properties build = new Properties();
        try (InputStream in = ReadyLine.class.getResourceAsStream("/concierge-hub-version.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException unreadable) {
            return "unknown";
        }
        return build.getProperty("version", "unknown");
    }
}
