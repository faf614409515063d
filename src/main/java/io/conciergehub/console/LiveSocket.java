package io.conciergehub.console;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /console/live}: the WebSocket upgrade of an open console, on the hub's own Vert.x
 * server. It runs behind an {@link io.conciergehub.ops.HttpGate} that has already admitted the
 * console session ({@link ConsoleGate#admitSession}: the JWT cookie, its session live, its account
 * enabled, the API's rate limits); here the upgrade itself is checked: a WebSocket handshake, from
 * a page of this hub (an {@code Origin} of another site is refused: no cross-site WebSocket
 * hijacking), then handed to the {@link LiveFeed}.
 */
final class LiveSocket implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);

    private final Supplier<LiveFeed> feed;
    private final SessionTokens tokens;

    LiveSocket(Supplier<LiveFeed> feed, SessionTokens tokens) {
        this.feed = feed;
        this.tokens = tokens;
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (!"websocket".equals(String.valueOf(request.getHeader("Upgrade")).toLowerCase(Locale.ROOT))) {
            refuse(routing, 400, "bad_request", "/console/live is a WebSocket: open it with an upgrade request");
            return;
        }
        if (!sameOrigin(request.getHeader("Origin"), request.getHeader("Host"))) {
            refuse(routing, 403, "forbidden", "the live feed opens from the console's own page only");
            return;
        }
        // The gate checked this cookie's session a moment ago; its id is kept to check it again later.
        Optional<SessionTokens.Claims> claims = tokens.verify(
                ConsoleCookies.fromHeader(request.getHeader("Cookie"), ConsoleCookies.SESSION));
        if (claims.isEmpty()) {
            refuse(routing, 401, "unauthorized", "the console session has expired or is not valid; refresh it or log in");
            return;
        }
        request.toWebSocket().onSuccess(socket -> {
                    LOG.info("event=console.live-opened key=staff:{}", claims.get().name());
                    feed.get().opened(socket, claims.get().sid());
                })
                .onFailure(failed -> {
                    if (!routing.response().ended()) {
                        refuse(routing, 400, "bad_request", "the WebSocket handshake failed");
                    }
                });
    }

    /** No Origin (not a browser), or one whose host and port are the Host the request came to. */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            return host != null && uri.getHost() != null && (authority.equalsIgnoreCase(host)
                    || (uri.getPort() < 0 && host.equalsIgnoreCase(uri.getHost() + ":" + defaultPort(uri.getScheme()))));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static void refuse(RoutingContext routing, int status, String error, String detail) {
        routing.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end("{\"error\":\"" + error + "\",\"detail\":\"" + detail + "\"}");
    }
}
