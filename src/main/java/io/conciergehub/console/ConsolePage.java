package io.conciergehub.console;

import io.conciergehub.store.Digests;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The console's page: three files in the jar ({@code console/index.html}, {@code console.js},
 * {@code console.css}), read once at start, served at {@code /console} on the hub's own server. No
 * CDN, no inline script or style: the Content-Security-Policy allows only the hub's own files,
 * and connections (the API, the live feed) to the hub itself. The page holds no guest data; it
 * asks the console's API with the session's cookie.
 */
final class ConsolePage implements Handler<RoutingContext> {

    /** The page's only sources are this origin's files; nothing may frame it. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final Map<String, String> PATHS = Map.of(
            "/console", "index.html",
            "/console/", "index.html",
            "/console/console.js", "console.js",
            "/console/operations.js", "operations.js",
            "/console/console.css", "console.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final Buffer body;
    private final Buffer gzipped;
    private final String type;
    private final String etag;

    ConsolePage(String file) {
        try (InputStream in = ConsolePage.class.getResourceAsStream("/console/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + file + " is missing from the jar");
            }
            byte[] bytes = in.readAllBytes();
            this.body = Buffer.buffer(bytes);
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
                gzip.write(bytes);
            }
            this.gzipped = Buffer.buffer(packed.toByteArray());
            this.etag = "\"" + HexFormat.of().formatHex(Digests.sha256().digest(bytes), 0, 12) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpMethod method = routing.request().method();
        var response = routing.response().putHeader("Content-Security-Policy", POLICY)
                .putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY").putHeader("Cache-Control", "no-cache").putHeader("ETag", etag);
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            response.setStatusCode(405).putHeader("Allow", "GET, HEAD").putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"method_not_allowed\",\"detail\":\"the console's page is read with GET\"}");
        } else if (etag.equals(routing.request().getHeader("If-None-Match"))) {
            response.setStatusCode(304).end();
        } else {
            // Compressed once at start, sent to every browser that takes gzip (a phone's first load: about 12 KB).
            String accepted = routing.request().getHeader("Accept-Encoding");
            boolean gzip = accepted != null && accepted.toLowerCase(java.util.Locale.ROOT).contains("gzip");
            Buffer sent = gzip ? gzipped : body;
            response.putHeader("Content-Type", type).putHeader("Vary", "Accept-Encoding");
            if (gzip) {
                response.putHeader("Content-Encoding", "gzip");
            }
            if (method == HttpMethod.HEAD) {
                response.putHeader("Content-Length", String.valueOf(sent.length())).end();
            } else {
                response.end(sent);
            }
        }
    }
}
