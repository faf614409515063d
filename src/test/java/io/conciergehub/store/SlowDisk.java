package io.conciergehub.store;

import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A database's log sync held until the test lets the disk finish: the state between a group's
 * commit and its sync, in which the store tests look at who waits. Every wait is bounded, so that
 * a wrong build fails rather than hangs.
 */
public final class SlowDisk {

    private final CountDownLatch syncing = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    private SlowDisk() {
    }

    /** From now on, each of {@code db}'s syncs waits for {@link #finish} before it syncs for real. */
    public static SlowDisk under(Database db) {
        SlowDisk disk = new SlowDisk();
        Database.LogSync real = db.syncLogWith(null);
        db.syncLogWith(() -> {
            disk.syncing.countDown();
            try {
                if (!disk.done.await(30, TimeUnit.SECONDS)) {
                    throw new InterruptedIOException("the test never let the disk finish");
                }
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            real.sync();
        });
        return disk;
    }

    /** Whether a sync began within 10 s. */
    public boolean syncBegan() throws InterruptedException {
        return syncing.await(10, TimeUnit.SECONDS);
    }

    public void finish() {
        done.countDown();
    }
}
