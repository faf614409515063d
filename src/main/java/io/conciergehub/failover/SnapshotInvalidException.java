package io.conciergehub.failover;

/** A snapshot that must not be restored or installed; the message names the file and what is wrong. */
public class SnapshotInvalidException extends RuntimeException {

    public SnapshotInvalidException(String message) {
        super(message);
    }

    public SnapshotInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
