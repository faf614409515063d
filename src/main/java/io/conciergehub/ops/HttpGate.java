package io.conciergehub.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.HttpProblem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A check the hub runs in front of some paths of its HTTP servers, before any Camel route: the
 * request is read as the API gate reads one (the HTTP request itself, its method and path), checked off
 * the event loop (the rate limiter may call Redis), then refused with the hub's JSON
 * {@code {"error", "detail"}} or handed on.
 *
 * <p>{@link #mount} puts a handler on a path through the server's authentication configuration:
 * the one hook camel-main's platform-http offers, mounted when the server starts, before any route,
 * so there is no moment when the path answers without it. It works for paths served by routes the
 * hub cannot add steps to, such as the REST DSL's {@code /openapi.json} and Jolokia.
 */
public final class HttpGate implements AuthenticationHandler {

    /** Refuses the request by throwing {@link HttpProblem}; may block. */
    @FunctionalInterface
    public interface Check {
        void check(Exchange exchange);
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpGate.class);
    /** The headers a gate reports to the caller, as every API answer does, and an authentication challenge. */
    private static final Pattern REPORTED = Pattern.compile("ratelimit-|retry-after|www-authenticate$",
            Pattern.CASE_INSENSITIVE);

    private final CamelContext context;
    private final ObjectMapper json;
    private final Check check;
    private final Handler<RoutingContext> admitted;
    private final Consumer<Exchange> audit;

    /**
     * @param admitted what serves an admitted request ({@code RoutingContext::next}: the route)
     * @param audit    called with the status once the answer is sent, or null
     */
    public HttpGate(CamelContext context, ObjectMapper json, Check check, Handler<RoutingContext> admitted,
            Consumer<Exchange> audit) {
        this.context = context;
        this.json = json;
        this.check = check;
        this.admitted = admitted;
        this.audit = audit;
    }

    /**
     * Mounts a handler on {@code path} ("/health", "/observe/*") of the HTTP servers camel-main has
     * configured and not started yet: the main server, and the management server's own one should
     * {@code camel.management.port} differ. {@code handlerForMaxBodySize} gets that server's body limit.
     */
    public static void mount(CamelContext context, String path,
            Function<Long, ? extends Handler<RoutingContext>> handlerForMaxBodySize) {
        mountOnMain(context, path, handlerForMaxBodySize);
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        if (management != null) {
            mount(management.getConfiguration(), path, handlerForMaxBodySize.apply(management.getMaxBodySize()));
        }
    }

    /** As {@link #mount}, on the main server only (what staff and guests reach, not the management port). */
    public static void mountOnMain(CamelContext context, String path,
            Function<Long, ? extends Handler<RoutingContext>> handlerForMaxBodySize) {
        MainHttpServer main = context.hasService(MainHttpServer.class);
        if (main != null) {
            mount(main.getConfiguration(), path, handlerForMaxBodySize.apply(main.getMaxBodySize()));
        }
    }

    private static void mount(VertxPlatformHttpServerConfiguration configuration, String path,
            Handler<RoutingContext> handler) {
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath(path);
        // No Vert.x authentication provider: the checks are the hub's own.
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return handler instanceof AuthenticationHandler gate ? gate : handler::handle;
            }
        });
        configuration.getAuthenticationConfig().getEntries().add(entry);
        configuration.getAuthenticationConfig().setEnabled(true);
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        Exchange exchange = exchangeOf(routing);
        if (audit != null) {
            routing.addEndHandler(done -> {
                exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, routing.response().getStatusCode());
                audit.accept(exchange);
            });
        }
        // The body waits while the request is checked, off the event loop.
        if (!request.isEnded()) {
            request.pause();
        }
        routing.vertx().executeBlocking(() -> refusal(exchange), false).onComplete(checked -> {
            HttpProblem refused = checked.succeeded() ? checked.result() : failed(checked.cause());
            if (!request.isEnded()) {
                request.resume();
            }
            reportedHeaders(exchange, routing.response());
            if (refused == null) {
                admitted.handle(routing);
            } else {
                refuse(routing, json, refused);
            }
        });
    }

    /** The request as the API gate reads API requests: method, path, client address and headers. */
    private Exchange exchangeOf(RoutingContext routing) {
        Exchange exchange = new DefaultExchange(context);
        Message in = new HttpMessage(exchange, routing.request(), routing.response());
        exchange.setMessage(in);
        in.setHeader(Exchange.HTTP_METHOD, routing.request().method().name());
        in.setHeader(Exchange.HTTP_PATH, routing.request().path());
        return exchange;
    }

    /** Null when the request is admitted, else why not. */
    private HttpProblem refusal(Exchange exchange) {
        try {
            check.check(exchange);
            return null;
        } catch (HttpProblem refused) {
            return refused;
        }
    }

    private static HttpProblem failed(Throwable cause) {
        LOG.error("event=http.gate-failed error=\"{}\"", cause, cause);
        return new HttpProblem(500, "internal_error", "the request could not be checked; retry later");
    }

    private static void reportedHeaders(Exchange exchange, HttpServerResponse response) {
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (REPORTED.matcher(name).lookingAt()) {
                response.putHeader(name, String.valueOf(value));
            }
        });
    }

    /** Answers {@code {"error", "detail"}} with the problem's status, as the hub's routes do. */
    static void refuse(RoutingContext routing, ObjectMapper json, HttpProblem refused) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("error", refused.getError());
        error.put("detail", refused.getDetail());
        try {
            routing.response().setStatusCode(refused.getStatus()).putHeader("Content-Type", "application/json")
                    .end(json.writeValueAsString(error));
        } catch (Exception e) {
            routing.fail(500, e);
        }
    }
}
