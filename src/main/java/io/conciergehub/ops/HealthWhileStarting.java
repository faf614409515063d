package io.conciergehub.ops;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;

/**
 * {@code /health} from the server's first moment: the HTTP server accepts requests before the
 * routes exist, and a load balancer must read 503 DOWN then, not a 404 page. Once the hub has
 * started, every request goes on to the {@code ops-health} route.
 */
public final class HealthWhileStarting implements Handler<RoutingContext> {

    static final String PATH = "/health";
    // What the ops-health route answers a caller without a key while the hub starts.
    private static final String DOWN = "{\"status\":\"DOWN\"}";

    private final BooleanSupplier started;

    private HealthWhileStarting(BooleanSupplier started) {
        this.started = started;
    }

    public static void install(CamelContext context, BooleanSupplier started) {
        HttpGate.mount(context, PATH, maxBodySize -> new HealthWhileStarting(started));
    }

    @Override
    public void handle(RoutingContext routing) {
        if (started.getAsBoolean()) {
            routing.next();
            return;
        }
        routing.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                .putHeader("Retry-After", "30").end(DOWN);
    }
}
