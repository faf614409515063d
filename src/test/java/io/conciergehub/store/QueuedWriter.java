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
import java.util.function.Function;

/**
 * A write (a row of {@code dead_letters} named by its source) on a thread of its own, whose state
 * shows how it waits for its commit; the store tests use it to stage a group commit. Every wait is
 * bounded, so that a wrong build fails rather than hangs.
 */
final class QueuedWriter extends Thread {

    static final String INSERT = "INSERT INTO dead_letters (source, reference, error, created_at)"
            + " VALUES (?, 'r', 'e', 0)";

    /** The new row's id once the write returned, 0 until then. */
    final AtomicLong id = new AtomicLong();
    private final Database db;
    private final String source;
    private final boolean durable;
    private final Function<String, Throwable> failureAfterWriting;
    private volatile Thread ranOn;
    private volatile Throwable failure;
    private volatile boolean interruptedOnReturn;

    private QueuedWriter(Database db, String source, boolean durable,
            Function<String, Throwable> failureAfterWriting) {
        super("writer-" + source);
        this.db = db;
        this.source = source;
        this.durable = durable;
        this.failureAfterWriting = failureAfterWriting;
    }

    static QueuedWriter durable(Database db, String source) {
        return new QueuedWriter(db, source, true, null);
    }

    static QueuedWriter ordinary(Database db, String source) {
        return new QueuedWriter(db, source, false, null);
    }

    /** An ordinary write that inserts its row, then throws {@code failure} (given the source) from its work. */
    static QueuedWriter failing(Database db, String source, Function<String, Throwable> failure) {
        return new QueuedWriter(db, source, false, failure);
    }

    /** Durable writes of these sources, committed as one group whose sync {@code disk} holds (see below). */
    static List<QueuedWriter> syncingAsOneGroup(Database db, SlowDisk disk, String... sources) throws Exception {
        return syncingAsOneGroup(disk, Arrays.stream(sources).map(source -> durable(db, source)).toList());
    }

    /**
     * Writes, at least one of them durable, queued while an ordinary write holds the lock and
     * committed as one group (see {@link #queuedBehindTheLock}); returns once the group's sync,
     * which {@code disk} holds, began.
     */
    static List<QueuedWriter> syncingAsOneGroup(SlowDisk disk, List<QueuedWriter> writers) throws Exception {
        queuedBehindTheLock(writers.get(0).db, writers);
        assertThat(disk.syncBegan()).as("the group's sync began").isTrue();
        return writers;
    }

    /**
     * Starts the writers one after the other, each waiting for its commit, while an ordinary write
     * holds the lock, then lets the lock go: the first writer's caller is woken to commit them all
     * as one group. Returns once the ordinary write committed.
     */
    static void queuedBehindTheLock(Database db, List<QueuedWriter> writers) throws Exception {
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
        for (QueuedWriter writer : writers) {
            writer.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.getState() == Thread.State.WAITING);
        }
        letGo.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isPositive();
    }

    /** The thread that ran the write's work: its caller's, or the committer's of its group. */
    Thread ranOn() {
        return ranOn;
    }

    /** What the write threw to its caller, if anything. */
    Throwable failure() {
        return failure;
    }

    /** Whether the thread was still marked interrupted when the write returned. */
    boolean interruptedOnReturn() {
        return interruptedOnReturn;
    }

    @Override
    public void run() {
        Database.SqlWork<Long> work = c -> {
            ranOn = Thread.currentThread();
            long row = Sql.insert(c, INSERT, source);
            if (failureAfterWriting != null) {
                sneakyThrow(failureAfterWriting.apply(source));
            }
            return row;
        };
        try {
            id.set(durable ? db.writeDurably(work) : db.write(work));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        interruptedOnReturn = isInterrupted();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable failure) throws E {
        throw (E) failure;
    }
}
