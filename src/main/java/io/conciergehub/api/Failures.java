package io.conciergehub.api;

/**
 * How a failure is written down. A log line gets its kind and message; what is stored for staff (a
 * dead letter, the last error of an alert, an event or a send) gets the start of a remote service's
 * answer as well. That answer may quote the request, a guest's phone number or words, so it never
 * reaches the log.
 */
public final class Failures {

    private Failures() {
    }

    /** For a log line: "Unavailable: remote service answered 500". */
    public static String logged(Throwable cause) {
        return cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** For the database: as logged, then what the remote service answered ("…: 500: internal_error"). */
    public static String stored(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RemoteCallException remote && !remote.detail().isEmpty()) {
                return logged(cause) + ": " + remote.detail();
            }
        }
        return logged(cause);
    }
}
