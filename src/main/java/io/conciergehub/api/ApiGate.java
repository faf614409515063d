package io.conciergehub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiKeys.Caller;
import io.conciergehub.api.ApiKeys.Scope;
import java.util.Arrays;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of every API route: rate limits (per client IP, then per key; a console session per
 * account only), authentication (401), scope (403); and the way out: the JSON answer with only the
 * headers the hub means to send.
 * Every API request leaves one audit line: method, path, key id (never the key), status, duration.
 */
public final class ApiGate {

    public static final String CALLER = "meshCaller";
    private static final Logger AUDIT = LoggerFactory.getLogger("io.conciergehub.audit");

    private final ApiKeys apiKeys;
    private final RateLimiter limiter;
    private final int apiLimit;
    private final int webhookLimit;
    private final int publicLimit;
    private final long windowMillis;
    private final String clientIpHeader;
    private final ObjectMapper json;

    public ApiGate(ApiKeys apiKeys, RateLimiter limiter, int apiLimit, int webhookLimit, int publicLimit,
            long windowMillis, String clientIpHeader, ObjectMapper json) {
        this.apiKeys = apiKeys;
        this.limiter = limiter;
        this.apiLimit = apiLimit;
        this.webhookLimit = webhookLimit;
        this.publicLimit = publicLimit;
        this.windowMillis = windowMillis;
        this.clientIpHeader = clientIpHeader == null || clientIpHeader.isBlank() ? null : clientIpHeader.trim();
        this.json = json;
    }

    /**
     * Admits the request or refuses it with 429, 401 or 403; the caller is kept on the exchange.
     * {@code scopes}: the scope the operation needs, or several separated by '|' of which one is enough.
     */
    public void admit(Exchange exchange, String scopes) {
        admit(exchange, scopes, "api-ip:", true);
    }

    /**
     * The peer node's calls (heartbeat, change shipping, relay, hand-back), before their signature
     * is checked: only the flood guard per client IP of webhooks. They come several times a second
     * from one node; the API's per-key limit would cut the pair apart exactly when it is busiest.
     */
    public void guardPeerAddress(Exchange exchange) {
        Message in = exchange.getMessage();
        auditAs(exchange);
        count(in, "peer-ip:" + clientIp(in), webhookLimit);
    }

    private static void auditAs(Exchange exchange) {
        exchange.setProperty("meshMethod", exchange.getMessage().getHeader(Exchange.HTTP_METHOD));
        exchange.setProperty("meshPath", exchange.getMessage().getHeader(Exchange.HTTP_PATH));
    }

    private void admit(Exchange exchange, String scopes, String ipBucket, boolean limitPerKey) {
        // From the request's headers only: never from its query string, nor from Camel's headers.
        admit(exchange, scopes, ipBucket, limitPerKey, in -> apiKeys.authenticate(HttpRequests.header(in, "X-API-Key"),
                HttpRequests.header(in, "Authorization")).orElseThrow(() ->
                HttpProblem.unauthorized("a valid API key is required (X-API-Key or Authorization: Bearer)")));
    }

    /**
     * Admits a caller that another credential identifies (an API key given as a Basic password):
     * the same rate limits per client IP and per caller, scopes and audit line as an API key's.
     * {@code authenticate} answers the caller or throws the refusal (401, 403).
     */
    public void admitAs(Exchange exchange, String scopes, Function<Message, Caller> authenticate) {
        admit(exchange, scopes, "api-ip:", true, authenticate);
    }

    /**
     * Admits a staff console session ({@code authenticate} answers its caller or throws the
     * refusal): a live session is limited per account only. The per-address bucket slows those who
     * guess credentials and anonymous callers; staff behind one address (a hotel's NAT) would
     * otherwise share it, and their consoles' polling would reach 429. A request refused here (no
     * session, an expired or ended one) counts against the per-address bucket like any keyless
     * caller's: over it, 429 instead of the refusal.
     */
    public void admitSession(Exchange exchange, String scopes, Function<Message, Caller> authenticate) {
        Message in = exchange.getMessage();
        auditAs(exchange);
        Caller caller;
        try {
            caller = authenticate.apply(in);
        } catch (HttpProblem refused) {
            count(in, "api-ip:" + clientIp(in), apiLimit);
            throw refused;
        }
        exchange.setProperty(CALLER, caller);
        count(in, "api-key:" + caller.keyId(), apiLimit);
        requireScope(caller, scopes);
    }

    private void admit(Exchange exchange, String scopes, String ipBucket, boolean limitPerKey,
            Function<Message, Caller> authenticate) {
        Message in = exchange.getMessage();
        auditAs(exchange);
        count(in, ipBucket + clientIp(in), limitPerKey ? apiLimit : webhookLimit);
        Caller caller = authenticate.apply(in);
        exchange.setProperty(CALLER, caller);
        if (limitPerKey) {
            count(in, "api-key:" + caller.keyId(), apiLimit);
        }
        requireScope(caller, scopes);
    }

    private static void requireScope(Caller caller, String scopes) {
        if (Arrays.stream(scopes.split("\\|")).map(Scope::of).noneMatch(caller::may)) {
            throw HttpProblem.forbidden("this key lacks the '" + scopes.replace("|", "' or '") + "' scope");
        }
    }

    /** Webhooks have their own, higher limit per client IP: a flood guard, far above any provider's pace. */
    public void admitWebhook(Exchange exchange) {
        count(exchange.getMessage(), "webhook-ip:" + clientIp(exchange.getMessage()), webhookLimit);
    }

    /** What anyone may read without a key ({@code /health}, {@code /openapi.json}): a flood guard per client IP. */
    public void admitPublic(Exchange exchange) {
        count(exchange.getMessage(), "public-ip:" + clientIp(exchange.getMessage()), publicLimit);
    }

    /** Whether the hub sits behind a proxy it trusts to set the client's headers (api.client-ip-header is set). */
    public boolean behindProxy() {
        return clientIpHeader != null;
    }

    private void count(Message in, String bucket, int limit) {
        RateLimiter.Window window = limiter.hit(bucket, windowMillis);
        long resetSeconds = Math.max(1, (window.resetMillis() + 999) / 1000);
        long remaining = Math.max(0, limit - window.count());
        // With two buckets (IP and key) the answer reports the tighter one.
        Long shown = in.getHeader("RateLimit-Remaining", Long.class);
        if (shown == null || remaining <= shown) {
            in.setHeader("RateLimit-Limit", limit);
            in.setHeader("RateLimit-Remaining", remaining);
            in.setHeader("RateLimit-Reset", resetSeconds);
        }
        if (window.count() > limit) {
            in.setHeader("Retry-After", resetSeconds);
            throw new HttpProblem(429, "rate_limited", "too many requests; retry after " + resetSeconds + " s");
        }
    }

    /** The client's address: the configured proxy header's first entry (api.client-ip-header), else the connection's. */
    public String clientIp(Message in) {
        if (clientIpHeader != null) {
            String forwarded = HttpRequests.header(in, clientIpHeader);
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].trim();
            }
        }
        return String.valueOf(HttpRequests.remoteAddress(in));
    }

    /** Writes an operation's answer: JSON body, status, and no request header echoed back. */
    public void respond(Exchange exchange) throws Exception {
        ApiResponse response = exchange.getMessage().getMandatoryBody(ApiResponse.class);
        HttpErrors.writeJson(exchange, json, response.status(), response.body());
        response.headers().forEach(exchange.getMessage()::setHeader);
    }

    /** One line per API request, answered or refused. */
    public void audit(Exchange exchange) {
        Caller caller = exchange.getProperty(CALLER, Caller.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        AUDIT.info("event=api.request method={} path={} key={} status={} durationMs={}",
                exchange.getProperty("meshMethod"), exchange.getProperty("meshPath"),
                caller == null ? "-" : caller.keyId(), status == null ? 200 : status,
                exchange.getClock().elapsed());
    }
}
