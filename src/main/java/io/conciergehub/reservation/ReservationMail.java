package io.conciergehub.reservation;

/**
 * A reservation e-mail as the parsers read it, decoded by camel-mail: its {@code Message-ID}, the
 * sender's address, the subject, and the plain-text and HTML bodies (either may be null).
 */
public record ReservationMail(String messageId, String from, String subject, String textBody, String htmlBody) {
}
