package io.conciergehub.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;

/**
 * The API gate in front of everything Camel's management server serves under {@code /observe}
 * (Jolokia): rate limits, an API key with the {@code admin} scope, one audit line per request, and
 * the hub's body size limit (Jolokia's own route would read a body of any size).
 *
 * <p>An {@link HttpGate}, mounted before any route when the server starts, so there is no moment
 * when Jolokia answers without it. It calls {@link ApiGate} directly rather than through a Camel
 * route, so no route an operator suspends can lock them out of JMX.
 */
public final class ObserveGate {

    public static final String PATH = "/observe/*";
    private static final String SCOPE = "admin";

    private ObserveGate() {
    }

    public static void install(CamelContext context, ApiGate gate, ObjectMapper json) {
        HttpGate.mount(context, PATH, maxBodySize -> {
            // Reads the body within the hub's limit (else 413), then on to Jolokia.
            BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodySize == null ? -1 : maxBodySize);
            return new HttpGate(context, json, exchange -> gate.admit(exchange, SCOPE), body, gate::audit);
        });
    }
}
