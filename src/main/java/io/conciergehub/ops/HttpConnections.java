package io.conciergehub.ops;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * How the hub's HTTP servers treat connections, where camel-main offers no setting: an idle
 * connection is closed after {@code http.idle-timeout}, and a request framed two ways (both
 * {@code Content-Length} and {@code Transfer-Encoding}, a request smuggling attempt) is answered
 * 400 and its connection closed.
 *
 * <p>Camel 4.16's {@code VertxPlatformHttpServer} creates its server with {@code new
 * HttpServerOptions()} and no hook, but takes the Vert.x instance from the registry when there is
 * one. So the hub binds a Vert.x whose {@code createHttpServer} applies these settings, before the
 * server starts.
 */
public final class HttpConnections {

    /** Netty's HTTP/1.x request decoder in a Vert.x server's channel pipeline. */
    private static final String DECODER = "httpDecoder";

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
                        options.setIdleTimeout((int) idleTimeoutMillis).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                                // No h2c upgrade: it would decode the first request before strictFraming
                                // runs, and "Upgrade: h2c" through a proxy is a smuggling path of its own.
                                .setHttp2ClearTextEnabled(false);
                        HttpServer server = vertx.createHttpServer(options);
                        server.connectionHandler(connection -> strictFraming(connection, options));
                        server.invalidRequestHandler(HttpConnections::refuseInvalid);
                        return server;
                    }
                    try {
                        return method.invoke(vertx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Called on the event loop as the connection opens, before any byte of it is decoded. */
    private static void strictFraming(HttpConnection connection, HttpServerOptions options) {
        if (connection instanceof ConnectionBase http1) {
            ChannelPipeline pipeline = http1.channel().pipeline();
            if (pipeline.get(DECODER) instanceof VertxHttpRequestDecoder) {
                pipeline.replace(DECODER, DECODER, new StrictFramingDecoder(options));
            }
        }
    }

    private static void refuseInvalid(HttpServerRequest request) {
        if (request.decoderResult().cause() instanceof AmbiguousFraming) {
            request.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close")
                    .end("{\"error\":\"bad_request\",\"detail\":\"a request may not carry both Content-Length and"
                            + " Transfer-Encoding\"}")
                    .onComplete(sent -> request.connection().close());
        } else {
            HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
        }
    }

    private static final class AmbiguousFraming extends IllegalArgumentException {
        AmbiguousFraming() {
            super("both Content-Length and Transfer-Encoding");
        }
    }

    /**
     * Vert.x's decoder, except that a request framed both ways is invalid (RFC 9112 6.3 allows
     * refusing it) and nothing after it on the connection is decoded: not its body, and not a
     * request smuggled behind it, which Vert.x would otherwise queue and serve.
     */
    private static final class StrictFramingDecoder extends VertxHttpRequestDecoder {

        private boolean refused;

        StrictFramingDecoder(HttpServerOptions options) {
            super(options);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (refused) {
                buffer.skipBytes(buffer.readableBytes());
            } else {
                super.decode(ctx, buffer, out);
            }
        }

        /** The decoder's one hook that sees each request's headers before it frames the body. */
        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage message) {
            if (message.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)
                    && message.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                refused = true;
                message.setDecoderResult(DecoderResult.failure(new AmbiguousFraming()));
                return true; // the request ends here, so that the refusal is answered at once
            }
            return super.isContentAlwaysEmpty(message);
        }
    }
}
