package io.conciergehub.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A plain TCP connection to the hub, for what an HTTP client library would not send or would hide. */
public final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closed;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        socket.setSoTimeout(50);
    }

    public static RawConnection to(TestHub hub) throws IOException {
        URI base = URI.create(hub.url("/"));
        return new RawConnection(new Socket(base.getHost(), base.getPort()));
    }

    public RawConnection send(String bytes) throws IOException {
        socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads what has arrived; true once the hub has closed the connection. Meant for await(). */
    public boolean closedByServer() throws IOException {
        try {
            byte[] buffer = new byte[4096];
            for (int n; !closed && (n = in.read(buffer)) != 0; ) {
                if (n < 0) {
                    closed = true;
                } else {
                    received.write(buffer, 0, n);
                }
            }
        } catch (SocketTimeoutException nothingMoreYet) {
            // still open
        } catch (IOException reset) {
            closed = true;
        }
        return closed;
    }

    /** Everything the hub has sent so far. */
    public String received() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
