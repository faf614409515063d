package io.conciergehub.ops;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * How the hub's HTTP servers treat connections, where camel-main offers no setting: an idle
 * connection is closed after {@code http.idle-timeout}.
 *
 * <p>Camel 4.16's {@code VertxPlatformHttpServer} creates its server with {@code new
 * HttpServerOptions()} and no hook, but takes the Vert.x instance from the registry when there is
 * one. So the hub binds a Vert.x whose {@code createHttpServer} applies this setting, before the
 * server starts.
 */
public final class HttpConnections {

    private HttpConnections() {
    }

    public static void install(CamelContext context, long idleTimeoutMillis) {
        VertxOptions options = context.getRegistry().findSingleByType(VertxOptions.class);
        Vertx vertx = Vertx.vertx(options == null ? new VertxOptions() : options);
        context.getRegistry().bind("hubVertx", shaping(vertx, idleTimeoutMillis));
        // Camel does not close a Vert.x it did not create: the hub's is closed once the context stopped.
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppedEvent) {
                    vertx.close();
                }
            }
        });
    }

    /** The same Vert.x, except that every HTTP server it creates gets the hub's connection settings. */
    private static Vertx shaping(Vertx vertx, long idleTimeoutMillis) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> type = vertx.getClass(); type != null; type = type.getSuperclass()) {
            interfaces.addAll(Set.of(type.getInterfaces()));
        }
        return (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), interfaces.toArray(Class<?>[]::new),
                (proxy, method, args) -> {
                    if (method.getName().equals("createHttpServer")) {
                        HttpServerOptions options = args != null && args.length == 1
                                && args[0] instanceof HttpServerOptions given ? given : new HttpServerOptions();
                        options.setIdleTimeout((int) idleTimeoutMillis).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
                        return vertx.createHttpServer(options);
                    }
                    try {
                        return method.invoke(vertx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
