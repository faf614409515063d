package io.conciergehub.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiGate;
import io.conciergehub.api.ApiKeys;
import io.conciergehub.api.ApiKeys.Caller;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.api.HttpRequests;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;

/**
 * The API gate in front of everything Camel's management server serves under {@code /observe}
 * (Jolokia): rate limits, an API key with the {@code admin} scope, one audit line per request, and
 * the hub's body size limit (Jolokia's own route would read a body of any size).
 *
 * <p>The key is taken as every API takes it ({@code X-API-Key}, {@code Authorization: Bearer}) and
 * also as the password of {@code Authorization: Basic}, whatever the user name: Hawtio's connect
 * dialog sends Basic credentials. A refusal for a missing or wrong key asks for them
 * ({@code WWW-Authenticate: Basic}). A browser's request made by another site's page is refused.
 *
 * <p>An {@link HttpGate}, mounted before any route when the server starts, so there is no moment
 * when Jolokia answers without it. It calls {@link ApiGate} directly rather than through a Camel
 * route, so no route an operator suspends can lock them out of JMX.
 */
public final class ObserveGate {

    public static final String PATH = "/observe/*";
    public static final String CHALLENGE = "Basic realm=\"concierge-hub\"";
    private static final String SCOPE = "admin";

    private ObserveGate() {
    }

    public static void install(CamelContext context, ApiGate gate, ApiKeys keys, ObjectMapper json) {
        HttpGate.mount(context, PATH, maxBodySize -> {
            // Reads the body within the hub's limit (else 413), then on to Jolokia.
            BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodySize == null ? -1 : maxBodySize);
            return new HttpGate(context, json, exchange -> {
                refuseFromAnotherSite(exchange.getMessage());
                gate.admitAs(exchange, SCOPE, in -> caller(keys, in));
            }, body, gate::audit);
        });
    }

    /**
     * A browser that saved the Basic credentials would send them with any request another site's
     * page makes it send here (a link to an operation, a form): Jolokia checks no origin. Browsers
     * say where a request comes from ({@code Sec-Fetch-Site}); what comes from another site is
     * refused. Tools (curl, Hawtio's proxy) send no such header, or pass on their own same-origin one.
     */
    private static void refuseFromAnotherSite(Message in) {
        String site = HttpRequests.header(in, "Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site)) {
            throw HttpProblem.forbidden("a request another site's page made is refused");
        }
    }

    /** The key's holder, from the request's headers only; else 401 with a Basic challenge. */
    private static Caller caller(ApiKeys keys, Message in) {
        String authorization = HttpRequests.header(in, "Authorization");
        Optional<Caller> caller = keys.authenticate(HttpRequests.header(in, "X-API-Key"), authorization);
        return caller.or(() -> keys.identify(basicPassword(authorization))).orElseThrow(() -> {
            in.setHeader("WWW-Authenticate", CHALLENGE);
            return HttpProblem.unauthorized(
                    "a valid API key is required (X-API-Key, Authorization: Bearer, or as the Basic password)");
        });
    }

    /** The password of {@code Authorization: Basic base64(user:password)}, or null. */
    static String basicPassword(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            return colon < 0 ? null : credentials.substring(colon + 1);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
