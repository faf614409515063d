package io.conciergehub.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.mesh.ApiGate;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API gate in front of everything Camel's management server serves under {@code /observe}
 * (Jolokia): rate limits, an API key with the {@code admin} scope, one audit line per request, and
 * the hub's body size limit (Jolokia's own route would read a body of any size).
 *
 * <p>It is the HTTP server's authentication handler for {@code /observe/*}: the server mounts it
 * before any route when it starts, so there is no moment when Jolokia answers without it. It calls
 * {@link ApiGate} directly rather than through a Camel route, so no route an operator suspends can
 * lock them out of JMX.
 */
public final class ObserveGate implements AuthenticationHandler {

    public static final String PATH = "/observe/*";
    private static final String SCOPE = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(ObserveGate.class);
    /** The headers the gate reports to the caller, as every API answer does. */
    private static final Pattern REPORTED = Pattern.compile("ratelimit-|retry-after", Pattern.CASE_INSENSITIVE);

    private final CamelContext context;
    private final ApiGate gate;
    private final ObjectMapper json;
    private final BodyHandler body;

    ObserveGate(CamelContext context, ApiGate gate, ObjectMapper json, Long maxBodySize) {
        this.context = context;
        this.gate = gate;
        this.json = json;
        this.body = BodyHandler.create(false).setBodyLimit(maxBodySize == null ? -1 : maxBodySize);
    }

    /**
     * Puts the gate on the HTTP servers camel-main has configured and not started yet: the main
     * server, and the management server's own one should {@code camel.management.port} differ.
     */
    public static void install(CamelContext context, ApiGate gate, ObjectMapper json) {
        MainHttpServer main = context.hasService(MainHttpServer.class);
        if (main != null) {
            guard(main.getConfiguration(), new ObserveGate(context, gate, json, main.getMaxBodySize()));
        }
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        if (management != null) {
            guard(management.getConfiguration(), new ObserveGate(context, gate, json, management.getMaxBodySize()));
        }
    }

    private static void guard(VertxPlatformHttpServerConfiguration configuration, ObserveGate handler) {
        ServerHandlers.mountBeforeRoutes(configuration, PATH, handler);
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        Exchange exchange = exchangeOf(routing);
        routing.addEndHandler(done -> {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, routing.response().getStatusCode());
            gate.audit(exchange);
        });
        // The body waits while the key is checked (the rate limiter may call Redis: not on the event loop).
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
                body.handle(routing); // reads the body within the hub's limit (else 413), then on to Jolokia
            } else {
                answer(routing, exchange, refused);
            }
        });
    }

    /** The request as the gate reads API requests: the HTTP request itself, its method and path. */
    private Exchange exchangeOf(RoutingContext routing) {
        Exchange exchange = new DefaultExchange(context);
        Message in = new HttpMessage(exchange, routing.request(), routing.response());
        exchange.setMessage(in);
        in.setHeader(Exchange.HTTP_METHOD, routing.request().method().name());
        in.setHeader(Exchange.HTTP_PATH, routing.request().path());
        return exchange;
    }

    /** Null when the caller is admitted, else why not. */
    private HttpProblem refusal(Exchange exchange) {
        try {
            gate.admit(exchange, SCOPE);
            return null;
        } catch (HttpProblem refused) {
            return refused;
        }
    }

    private static HttpProblem failed(Throwable cause) {
        LOG.error("event=observe.gate-failed error=\"{}\"", cause, cause);
        return new HttpProblem(500, "internal_error", "the request could not be checked; retry later");
    }

    private static void reportedHeaders(Exchange exchange, HttpServerResponse response) {
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (REPORTED.matcher(name).lookingAt()) {
                response.putHeader(name, String.valueOf(value));
            }
        });
    }

    private void answer(RoutingContext routing, Exchange exchange, HttpProblem refused) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("error", refused.getError());
        error.put("detail", refused.getDetail());
        try {
            HttpErrors.writeJson(exchange, json, refused.getStatus(), error);
            routing.response().setStatusCode(refused.getStatus()).putHeader("Content-Type", "application/json")
                    .end(exchange.getMessage().getBody(String.class));
        } catch (Exception e) {
            routing.fail(500, e);
        }
    }
}
