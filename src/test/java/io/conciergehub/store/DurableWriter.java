package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A durable write (a row of {@code dead_letters}) on a thread of its own, whose state shows how it
 * waits for its commit; the store tests use it to stage a group commit. Every wait is bounded, so
 * that a wrong build fails rather than hangs.
 */
final class DurableWriter extends Thread {

    static final String INSERT = "INSERT INTO dead_letters (source, reference, error, created_at)"
            + " VALUES (?, 'r', 'e', 0)";

    /** The new row's id once the write returned, 0 until then. */
    final AtomicLong id = new AtomicLong();
    private final Database db;
    private final String source;
    private volatile boolean interruptedOnReturn;

    private DurableWriter(Database db, String source) {
        super("durable-writer-" + source);
        this.db = db;
        this.source = source;
    }

    /**
     * Durable writes queued while an ordinary write holds the lock, then the lock let go: the
     * caller woken first commits them all as one group. Returns once the ordinary write committed.
     */
    static List<DurableWriter> queuedAsOneGroup(Database db, String... sources) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        CompletableFuture<Long> holder = CompletableFuture.supplyAsync(() -> db.write(c -> {
            holding.countDown();
            try {
                assertThat(letGo.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Sql.insert(c, INSERT, "holder");
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        List<DurableWriter> writers = Arrays.stream(sources).map(source -> new DurableWriter(db, source)).toList();
        writers.forEach(Thread::start);
        await().atMost(Duration.ofSeconds(10)).until(() -> writers.stream()
                .allMatch(writer -> writer.getState() == Thread.State.WAITING));
        letGo.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isPositive();
        return writers;
    }

    /** Whether the thread was still marked interrupted when the write returned. */
    boolean interruptedOnReturn() {
        return interruptedOnReturn;
    }

    @Override
    public void run() {
        id.set(db.writeDurably(c -> Sql.insert(c, INSERT, source)));
        interruptedOnReturn = isInterrupted();
    }
}
