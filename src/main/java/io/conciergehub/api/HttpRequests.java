package io.conciergehub.api;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * What the HTTP request itself carried. Credentials and the client's address are read here, never
 * from Camel's message headers, where query parameters stand beside request headers: a key in a
 * URL would end up in proxies' and browsers' logs.
 */
public final class HttpRequests {

    private HttpRequests() {
    }

    /** The request header's value, or null (also when the message did not come over HTTP). */
    public static String header(Message message, String name) {
        HttpServerRequest request = request(message);
        return request == null ? null : request.getHeader(name);
    }

    /**
     * A parameter of the request's query string, or null: read from the request itself, never from
     * Camel's message headers, where a request header of the same name would stand beside it.
     */
    public static String queryParameter(Message message, String name) {
        HttpServerRequest request = request(message);
        return request == null ? null : request.params().get(name);
    }

    /** The address the connection comes from, or null. */
    public static String remoteAddress(Message message) {
        HttpServerRequest request = request(message);
        SocketAddress address = request == null ? null : request.remoteAddress();
        return address == null ? null : address.hostAddress();
    }

    /** Whether the connection itself is TLS (a proxy in front is told by its forwarded headers instead). */
    public static boolean overTls(Message message) {
        HttpServerRequest request = request(message);
        return request != null && request.isSSL();
    }

    /**
     * Adds a header to the HTTP response itself, beside those Camel writes from the message: for
     * {@code Set-Cookie}, which Camel's header filter keeps off responses, and which may repeat.
     * Call it while the message is still the request's (before a bean's answer replaces it).
     */
    public static void addResponseHeader(Message message, String name, String value) {
        HttpServerRequest request = request(message);
        if (request != null) {
            request.response().headers().add(name, value);
        }
    }

    private static HttpServerRequest request(Message message) {
        return message instanceof HttpMessage http ? http.getRequest() : null;
    }
}
