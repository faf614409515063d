package io.conciergehub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A console's live feed ({@code /console/live}) opened from a test as a page opens it: the session's
 * cookie, the hub's own Origin. Keeps every frame it is sent, and the close code.
 */
public final class LiveClient implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private LiveClient() {
    }

    /** Opens the feed with these headers (e.g. "Cookie", browser.cookieHeader("/console/live")). */
    public static LiveClient open(HubClient hub, String... headers) throws Exception {
        LiveClient client = new LiveClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        client.socket = builder.buildAsync(URI.create(hub.url("/console/live").replace("http:", "ws:")), client)
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The HTTP status the hub refused the upgrade with (fails the test if it was accepted). */
    public static int refusal(HubClient hub, String... headers) throws Exception {
        try (LiveClient opened = open(hub, headers)) {
            throw new AssertionError("the live feed opened: " + opened.frames());
        } catch (java.util.concurrent.ExecutionException failed) {
            Throwable cause = failed.getCause() instanceof CompletionException ? failed.getCause().getCause()
                    : failed.getCause();
            if (cause instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw failed;
        }
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** The frames of this type ("event", "node", "heartbeat"). */
    public List<JsonNode> frames(String type) {
        return frames.stream().filter(frame -> type.equals(frame.path("type").asText())).toList();
    }

    /** The close code once the hub closed the socket, else null. */
    public Integer closeCode() {
        return closed.getNow(null);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (partial) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception unreadable) {
                    throw new AssertionError("not JSON: " + partial, unreadable);
                } finally {
                    partial.setLength(0);
                }
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        socket.abort();
    }
}
