package io.conciergehub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conciergehub.ops.NodeStatus;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import io.vertx.core.http.ServerWebSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's live feed: the open {@code /console/live} WebSockets and what is pushed to them
 * (docs/console.md, "Live feed"). Changes reach it as rows of {@code console_events}, written by
 * SQLite triggers in the transaction of each change (V20): the {@code console-live-push} route
 * calls {@link #push} every {@code console.live-poll} and each open console gets the rows it has
 * not had, in order; {@code console-live-heartbeat} calls {@link #heartbeat}. Frames carry no
 * guest text: the page refetches through the console's API.
 *
 * <p>Each open console has the last seq it was sent. A page that reconnects sends
 * {@code {"type":"resume","after":seq}} first and is sent the rows after it that are still kept
 * ({@code console.live-keep}). A console that cannot keep up (its socket's write queue full) is
 * closed: it reconnects and resumes.
 */
public final class LiveFeed {

    /** Closed by the hub: the session ended (logout, revoked, account disabled). */
    static final short SESSION_ENDED = 4401;
    /** Closed by the hub: too slow to keep up, or a frame it should not have sent; reconnect and resume. */
    static final short RECONNECT = 4000;
    private static final int MAX_CLIENT_FRAME = 256;
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    /** One row of console_events. */
    record Event(long seq, String kind, Long guestId, long at) {
    }

    /** One open console: its socket, its session, the last seq sent to it. */
    private static final class Viewer {
        final ServerWebSocket socket;
        final String sid;
        /** The seq of a resume the page asked for, until the next push takes it; else -1. */
        final AtomicLong resumeAfter = new AtomicLong(-1);
        /** The newest seq pushed when it connected. */
        final long start;
        long sent;

        Viewer(ServerWebSocket socket, String sid, long sent) {
            this.socket = socket;
            this.sid = sid;
            this.start = sent;
            this.sent = sent;
        }
    }

    private final Database db;
    private final StaffSessions sessions;
    private final NodeStatus node;
    private final ObjectMapper json;
    private final Clock clock;
    private final int batch;
    private final long keepMillis;
    private final String peer;
    private final Map<ServerWebSocket, Viewer> viewers = new ConcurrentHashMap<>();
    /** The newest seq pushed (or there when the hub started). */
    private volatile long head;
    private String lastNodeFrame;

    public LiveFeed(Database db, StaffSessions sessions, NodeStatus node, ObjectMapper json, Clock clock, int batch,
            long keepMillis, String peerUrl) {
        this.db = db;
        this.sessions = sessions;
        this.node = node;
        this.json = json;
        this.clock = clock;
        this.batch = batch;
        this.keepMillis = keepMillis;
        this.peer = origin(peerUrl);
        this.head = newestSeq();
    }

    /** How many consoles are open on this node (gauge concierge_console_live_open). */
    public int open() {
        return viewers.size();
    }

    /** A console just opened, its session checked: told the node's state, then everything from now on. */
    void opened(ServerWebSocket socket, String sid) {
        Viewer viewer = new Viewer(socket, sid, head);
        viewers.put(socket, viewer);
        socket.closeHandler(closed -> viewers.remove(socket));
        socket.exceptionHandler(failed -> close(viewer, RECONNECT, "error"));
        socket.textMessageHandler(text -> received(viewer, text));
        socket.binaryMessageHandler(binary -> close(viewer, RECONNECT, "text frames only"));
        send(viewer, nodeFrame());
    }

    /** What the page may send: {@code {"type":"resume","after":seq}}. Anything else closes the socket. */
    private void received(Viewer viewer, String text) {
        try {
            JsonNode frame = text.length() > MAX_CLIENT_FRAME ? null : json.readTree(text);
            if (frame != null && "resume".equals(frame.path("type").asText()) && frame.path("after").canConvertToLong()
                    && frame.path("after").asLong() >= 0) {
                // Taken by the next push (the event loop never waits for the push's reads).
                viewer.resumeAfter.set(frame.path("after").asLong());
                return;
            }
        } catch (Exception unreadable) {
            // closed below
        }
        close(viewer, RECONNECT, "unexpected frame");
    }

    /** The new rows to every open console, and the backlog to those that resumed; the node's state when it changed. */
    public void push() {
        if (viewers.isEmpty()) {
            // No console open, the usual case: the rows are not read for nobody (up to
            // console.live-batch of them every console.live-poll under load); the next console to
            // open starts from the newest.
            head = newestSeq();
            return;
        }
        long from = head;
        List<Event> fresh = db.read(c -> after(c, from));
        if (!fresh.isEmpty()) {
            head = fresh.get(fresh.size() - 1).seq();
        }
        String nodeFrame = nodeFrame();
        boolean nodeChanged = !nodeFrame.equals(lastNodeFrame);
        lastNodeFrame = nodeFrame;
        for (Viewer viewer : viewers.values()) {
            if (nodeChanged) {
                send(viewer, nodeFrame);
            }
            synchronized (viewer) {
                resume(viewer, viewer.resumeAfter.getAndSet(-1), from);
                if (viewer.sent < from && !catchUp(viewer, from)) {
                    continue;
                }
                sendAfter(viewer, fresh);
            }
        }
    }

    /**
     * A resume the page asked for. Before anything was sent on this connection, the console is
     * moved back to that seq and caught up in order. Should a push have reached it first, only the
     * rows between that seq and its connection are sent (up to console.live-batch), after the newer
     * ones: each row is sent once per connection; the page places each by its seq.
     */
    private void resume(Viewer viewer, long after, long from) {
        if (after < 0) {
            return;
        }
        if (viewer.sent == viewer.start) {
            // A seq above this node's newest came from another node's feed: from now on.
            viewer.sent = Math.min(after, from);
        } else if (after < viewer.start) {
            db.read(c -> after(c, after)).stream().filter(event -> event.seq() <= viewer.start)
                    .forEach(event -> send(viewer, eventFrame(event)));
        }
    }

    /** Sends a resumed console the rows between its seq and {@code until}; true once it is there. */
    private boolean catchUp(Viewer viewer, long until) {
        long since = viewer.sent;
        List<Event> read = db.read(c -> after(c, since));
        sendAfter(viewer, read.stream().filter(event -> event.seq() <= until).toList());
        if (read.size() < batch || read.get(read.size() - 1).seq() >= until) {
            // Nothing more up to until (rows deleted meanwhile are gone for every console).
            viewer.sent = Math.max(viewer.sent, until);
        }
        return viewer.sent >= until;
    }

    private void sendAfter(Viewer viewer, List<Event> events) {
        for (Event event : events) {
            if (event.seq() > viewer.sent) {
                send(viewer, eventFrame(event));
                viewer.sent = event.seq();
            }
        }
    }

    /**
     * Every {@code console.live-heartbeat}: a heartbeat to each open console, whose session is
     * checked again (a console whose session ended is closed, code 4401); rows older than
     * {@code console.live-keep} are deleted.
     */
    public void heartbeat() {
        long now = clock.millis();
        String frame = write(json.createObjectNode().put("type", "heartbeat").put("at", Instant.ofEpochMilli(now).toString()));
        for (Viewer viewer : viewers.values()) {
            if (sessions.liveAccount(viewer.sid).isEmpty()) {
                close(viewer, SESSION_ENDED, "session ended");
            } else {
                send(viewer, frame);
            }
        }
        db.write(c -> Sql.update(c, "DELETE FROM console_events WHERE at < ?", now - keepMillis));
        // A database replaced by a snapshot may hold fewer rows than were pushed: count from its newest.
        long newest = newestSeq();
        if (newest < head) {
            head = newest;
            viewers.values().forEach(viewer -> {
                synchronized (viewer) {
                    viewer.sent = Math.min(viewer.sent, newest);
                }
            });
        }
    }

    private List<Event> after(java.sql.Connection c, long seq) throws java.sql.SQLException {
        return Sql.list(c, "SELECT seq, kind, guest_id, at FROM console_events WHERE seq > ? ORDER BY seq LIMIT ?",
                row -> new Event(row.getLong(1), row.getString(2), (Long) row.getObject(3, Long.class), row.getLong(4)),
                seq, batch);
    }

    private long newestSeq() {
        return db.read(c -> Sql.count(c, "SELECT COALESCE(MAX(seq), 0) FROM console_events"));
    }

    private String eventFrame(Event event) {
        ObjectNode frame = json.createObjectNode().put("type", "event").put("seq", event.seq()).put("kind", event.kind());
        if (event.guestId() == null) {
            frame.putNull("guestId");
        } else {
            frame.put("guestId", event.guestId());
        }
        return write(frame.put("at", Instant.ofEpochMilli(event.at()).toString()));
    }

    /** {@code {type:"node", role:"active"|"passive", epoch, peer}}: peer is the other node's address, or null. */
    String nodeFrame() {
        ObjectNode frame = json.createObjectNode().put("type", "node").put("role", node.active() ? "active" : "passive")
                .put("epoch", node.epoch());
        if (peer == null) {
            frame.putNull("peer");
        } else {
            frame.put("peer", peer);
        }
        return write(frame);
    }

    private void send(Viewer viewer, String frame) {
        if (viewer.socket.isClosed()) {
            viewers.remove(viewer.socket);
        } else if (viewer.socket.writeQueueFull()) {
            close(viewer, RECONNECT, "too slow");
        } else {
            viewer.socket.writeTextMessage(frame);
        }
    }

    private void close(Viewer viewer, short code, String reason) {
        viewers.remove(viewer.socket);
        if (!viewer.socket.isClosed()) {
            viewer.socket.close(code, reason);
        }
        LOG.debug("event=console.live-closed code={} reason=\"{}\"", code, reason);
    }

    private String write(ObjectNode frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The peer's scheme, host and port only (never a user or a path), or null without a peer. */
    static String origin(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
