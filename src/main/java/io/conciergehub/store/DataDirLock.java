package io.conciergehub.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The claim of one process on a data directory: an OS lock on {@code <data-dir>/hub.lock}, held
 * by the running hub for its lifetime and by an offline restore while it replaces the database.
 * The OS drops it when the process dies, so a crash never leaves a stale lock behind.
 */
public final class DataDirLock implements AutoCloseable {

    private static final String FILE = "hub.lock";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, creating the directory if needed.
     *
     * @throws IllegalStateException "another hub is running on data dir …" when someone holds it
     */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            PrivateFiles.directory(dataDir);
            FileChannel channel = PrivateFiles.channel(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IllegalStateException("another hub is running on data dir " + dataDir.toAbsolutePath()
                        + (holder.isEmpty() ? "" : " (process " + holder + ")"));
            }
            // The holder's pid, for the message above and for an operator looking at the file.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            return new DataDirLock(dataDir, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock data dir " + dataDir.toAbsolutePath(), e);
        }
    }

    /** The data directory this lock holds: what is written there is written by this process alone. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
