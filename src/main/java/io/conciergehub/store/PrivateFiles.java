package io.conciergehub.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides the modes of what the hub writes: directories 0700, files 0600,
 * whatever the process's umask. The data directory holds guests' messages, the encryption key and
 * API key hashes, so no other local user may read any of it. Java cannot set a umask, so every
 * file the hub creates is opened through here with its mode given at creation (no window in which
 * it is readable), and {@link #tighten} fixes a data directory left loose by an older version.
 *
 * <p>SQLite creates a database's {@code -wal}, {@code -shm} and {@code -journal} itself, with the
 * mode of the database file: creating the database file here first is enough for them.
 * On a file system without POSIX modes (Windows) files keep the directory's ACL.
 */
public final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) 0700, or makes an existing one 0700. */
    public static Path directory(Path dir) throws IOException {
        if (!posix(dir)) {
            return Files.createDirectories(dir);
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
        return dir;
    }

    /** Creates {@code file} empty if it does not exist; either way it is 0600 afterwards. */
    public static Path file(Path file) throws IOException {
        try (FileChannel ignored = channel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            return file;
        }
    }

    /** Opens {@code file} like {@link FileChannel#open}; a file it creates is 0600 from the start, one it opens is made 0600. */
    public static FileChannel channel(Path file, OpenOption... options) throws IOException {
        if (!posix(file)) {
            return FileChannel.open(file, options);
        }
        FileChannel channel = FileChannel.open(file, Set.of(options), ownerOnly(FILE_MODE));
        try {
            Files.setPosixFilePermissions(file, FILE_MODE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** An output stream on {@code file} opened with {@code options} (default: create or truncate), the file 0600. */
    public static OutputStream newOutputStream(Path file, OpenOption... options) throws IOException {
        OpenOption[] opened = options.length > 0 ? options : new OpenOption[] {StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING};
        Set<OpenOption> withWrite = new java.util.HashSet<>(Set.of(opened));
        withWrite.add(StandardOpenOption.WRITE);
        return Channels.newOutputStream(channel(file, withWrite.toArray(OpenOption[]::new)));
    }

    /** Writes {@code bytes} like {@link Files#write}, the file 0600. */
    public static void write(Path file, byte[] bytes, OpenOption... options) throws IOException {
        try (OutputStream out = newOutputStream(file, options)) {
            out.write(bytes);
        }
    }

    /**
     * The key kept in {@code file} (32 random bytes, base64), made at the first call, mode 0600:
     * the encryption key's and the console's JWT key's file in the data directory.
     */
    public static byte[] generatedKey(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                directory(file.toAbsolutePath().getParent());
                write(file, Base64.getEncoder().encodeToString(key).getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.CREATE_NEW);
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read or create the key file " + file, e);
        }
    }

    /**
     * Makes every directory under {@code root} (itself included) 0700 and every file 0600, not
     * following links; creates {@code root} if needed. For a data directory written before modes
     * were set, or by hand.
     */
    public static void tighten(Path root) {
        try {
            directory(root);
            if (!posix(root)) {
                return;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    restrict(dir, DIRECTORY_MODE);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile()) {
                        restrict(file, FILE_MODE);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the modes in " + root.toAbsolutePath(), e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (!current.equals(mode)) {
            Files.setPosixFilePermissions(path, mode);
            LOG.info("event=datadir.mode-restricted path={} was={} now={}", path, PosixFilePermissions.toString(current),
                    PosixFilePermissions.toString(mode));
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
