package io.conciergehub.reservation;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderNotFoundException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox consumer's poll strategy and exception handler: whether the last poll of the
 * reservations mailbox worked, and if not why (for {@code /health}). One log line when the mailbox
 * fails and one when it works again, naming the trouble, never the endpoint (whose URI holds the
 * password) nor a stack trace.
 */
public final class MailboxWatch implements PollingConsumerPollStrategy, ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxWatch.class);

    private volatile String problem;
    private volatile String thisPoll;

    /** Why the mailbox could not be read at the last poll; empty when it could. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        thisPoll = null;
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        settle(thisPoll);
    }

    /** The poll failed (cannot connect, login refused, no such folder): tried again after the back-off. */
    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        settle(describe(cause));
        return false;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    /** A failure outside a routed exchange: a poll's (already recorded by rollback) or moving a mail's. */
    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        String reason = describe(exception);
        if (exchange != null) {
            reason = "a mail could not be moved: " + reason;
        }
        if (!reason.equals(problem)) {
            thisPoll = reason;
            settle(reason);
        }
    }

    private synchronized void settle(String now) {
        String before = problem;
        problem = now;
        if (now != null && !now.equals(before)) {
            LOG.warn("event=reservation.mailbox.failing reason=\"{}\" (tried again after the poll delay and back-off)", now);
        } else if (now == null && before != null) {
            LOG.info("event=reservation.mailbox.recovered");
        }
    }

    /** The trouble in words an operator can act on; the password is never part of these messages. */
    static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationFailedException) {
                return "the mail server refused the login (check imap.user and imap.password)";
            }
            if (t instanceof UnknownHostException) {
                return "mail server host unknown (check imap.url)";
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException) {
                return "mail server unreachable (" + t.getClass().getSimpleName() + ")";
            }
            if (t instanceof FolderNotFoundException) {
                return "mail folder not found (check imap.folder)";
            }
        }
        String text = cause == null ? "unknown" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        text = text.replaceAll("[\\r\\n]+", " ");
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
