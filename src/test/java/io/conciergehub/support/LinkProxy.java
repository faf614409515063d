package io.conciergehub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The network path from one node to the other, as a TCP relay on loopback that a test can cut
 * (connections refused, open ones reset) and restore, or make slow in the answers' direction,
 * without touching either node.
 */
public final class LinkProxy implements AutoCloseable {

    private final int port;
    private final int target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile Duration answerDelay = Duration.ZERO;

    public LinkProxy(int target) throws IOException {
        this.port = TestHub.freePort();
        this.target = target;
        restore();
    }

    public int port() {
        return port;
    }

    public synchronized void restore() throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = listening;
        Thread acceptor = new Thread(() -> accept(listening), "link-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** From now on, what the target node answers reaches the caller this much later (a slow link back). */
    public void delayAnswers(Duration delay) {
        answerDelay = delay;
    }

    public synchronized void cut() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException cut) {
                return;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream, false);
                pipe(upstream, client, true);
            } catch (IOException nodeDown) {
                closeQuietly(client); // as a closed port would: the caller learns at once
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean answers) {
        Thread copier = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] chunk = new byte[8192];
                for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                    if (answers && !answerDelay.isZero()) {
                        LockSupport.parkNanos(answerDelay.toNanos());
                    }
                    out.write(chunk, 0, read);
                    out.flush();
                }
            } catch (IOException reset) {
                // the other side closed
            } finally {
                closeQuietly(to);
                closeQuietly(from);
            }
        }, "link-pipe");
        copier.setDaemon(true);
        copier.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyClosed) {
            // nothing left to release
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
