package io.conciergehub.reservation;

import io.conciergehub.guest.Booking;
import io.conciergehub.guest.BookingRepository.MergeRefused;
import io.conciergehub.api.RemoteCallException;
import io.conciergehub.mesh.BookingSync;
import io.conciergehub.ops.Metrics;
import io.conciergehub.store.Database;
import io.conciergehub.store.Digests;
import io.conciergehub.store.Sql;
import jakarta.mail.Address;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UnsupportedEncodingException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.mail.MailMessage;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.util.DecodingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code reservations-mail} route: a polled mail read as a {@link ReservationMail},
 * its idempotency key, the booking it confirms (read by the parsers, or by the model through
 * {@link ReservationExtraction}) stored through {@link BookingSync#store}, or its quarantine with the
 * reason. Logs name a mail by its Message-ID only, never its text or guest.
 */
public final class ReservationMails {

    private static final Logger LOG = LoggerFactory.getLogger(ReservationMails.class);
    private static final int MAX_REASON = 500;
    /** The exchange property {@link #read} sets, to the quarantine reason, for a mail it cannot decode. */
    public static final String UNDECODABLE = "reservationMailUndecodable";
    static final String UNDECODABLE_REASON = "unreadable mail: its content cannot be decoded (MIME)";

    private final ReservationParsers parsers;
    private final BookingSync bookingSync;
    private final SmoobuReservations smoobuReservations;
    private final Database db;
    private final Metrics metrics;
    private final Clock clock;

    public ReservationMails(ReservationParsers parsers, BookingSync bookingSync, SmoobuReservations smoobuReservations,
            Database db, Metrics metrics, Clock clock) {
        this.parsers = parsers;
        this.bookingSync = bookingSync;
        this.smoobuReservations = smoobuReservations;
        this.db = db;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The polled mail (camel-mail's message) as the parsers read it: the first plain-text and HTML
     * parts. One whose MIME cannot be decoded is read without its bodies, and the exchange property
     * {@link #UNDECODABLE} set to the reason it is quarantined for.
     */
    public ReservationMail read(Exchange exchange) throws MessagingException, IOException {
        MailMessage polled = exchange.getIn(MailMessage.class);
        Message mail = polled.getOriginalMessage() != null ? polled.getOriginalMessage() : polled.getMessage();
        String[] ids = mail.getHeader("Message-ID");
        String messageId = ids != null && ids.length > 0 && !ids[0].isBlank() ? ids[0].trim() : null;
        Address[] from = mail.getFrom();
        String sender = from != null && from.length > 0
                ? from[0] instanceof InternetAddress address ? address.getAddress() : from[0].toString() : null;
        String[] bodies = new String[2];
        try {
            bodies(mail, bodies);
        } catch (MessagingException | IOException failure) {
            if (!undecodable(failure)) {
                // The server or the connection failed (a FETCH refused, the folder closed): the mail
                // stays unread for the next poll.
                throw failure;
            }
            // Failing here would leave the mail unread, failing again at every poll: it is quarantined.
            exchange.setProperty(UNDECODABLE, UNDECODABLE_REASON);
            return new ReservationMail(messageId, sender, mail.getSubject(), null, null);
        }
        return new ReservationMail(messageId, sender, mail.getSubject(), bodies[0], bodies[1]);
    }

    /**
     * What angus-mail says, in the failure or its causes, of a mail whose MIME cannot be decoded: the
     * decoder's {@link DecodingException} (base64 cut short, uuencode broken), a {@link ParseException}
     * (a multipart without its boundary, a content type that does not parse), or a transfer encoding
     * it does not know (a {@link MessagingException}, which MimePartDataSource passes on as an
     * IOException with its message).
     */
    private static final List<String> MALFORMED_MIME = List.of("Missing start boundary", "Missing boundary parameter",
            "missing multipart end boundary", "Unknown encoding:");

    /**
     * Whether reading the mail failed on the mail itself (its MIME cannot be decoded): such a mail is
     * quarantined. Anything else, the IMAP stream's IOException for a FETCH the server answered NO or
     * BAD ("Some messages could not be FETCHed"), the folder or store closed, the connection dropped,
     * the mail expunged meanwhile, is not the mail's: it stays unread for the next poll.
     */
    private static boolean undecodable(Exception failure) {
        boolean malformed = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FolderClosedException || cause instanceof StoreClosedException
                    || cause instanceof MessageRemovedException || cause instanceof ProtocolException
                    || cause instanceof SocketException || cause instanceof InterruptedIOException) {
                return false;
            }
            if (cause instanceof DecodingException || cause instanceof ParseException
                    || (cause instanceof MessagingException || cause instanceof IOException)
                            && cause.getMessage() != null
                            && MALFORMED_MIME.stream().anyMatch(cause.getMessage()::startsWith)) {
                malformed = true;
            }
        }
        return malformed;
    }

    /** Fills text (0) and HTML (1) with the first of each kind, skipping attachments. */
    private static void bodies(Part part, String[] bodies) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = text(part);
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = text(part);
        } else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                bodies(multipart.getBodyPart(i), bodies);
            }
        } else if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part forwarded) {
            bodies(forwarded, bodies);
        }
    }

    /**
     * A text part's content. One in a charset Java does not know is read as UTF-8, what is not UTF-8
     * becoming U+FFFD: the mail is then booked or quarantined like any other, where failing here
     * would leave it unread, failing again at every poll.
     */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            return String.valueOf(part.getContent());
        } catch (UnsupportedEncodingException unknownCharset) {
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * What makes two mails the same: the Message-ID (a second poll, a restart, a forwarded or
     * re-sent copy keep it), or for a mail without one a digest of its sender, subject and text.
     */
    public String key(ReservationMail mail) {
        if (mail.messageId() != null) {
            return mail.messageId();
        }
        MessageDigest sha = Digests.sha256();
        for (String part : new String[] {mail.from(), mail.subject(), mail.textBody(), mail.htmlBody()}) {
            sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The booking the mail confirms or cancels, read by the parsers.
     *
     * @throws UnrecognisedReservation when no parser recognises the mail (the model may read it)
     * @throws UnreadableReservation when the parser that recognised it cannot read it
     */
    public Booking parse(ReservationMail mail) throws UnreadableReservation {
        return parsers.parse(mail);
    }

    /**
     * Stores the mail's booking (the parsers' or the model's reading); {@link UnreadableReservation}
     * when it cannot be merged (e.g. a new guest without a phone number). Smoobu's mails go the way
     * of its webhook ({@link SmoobuReservations#storeMail}), with the channel's number they name. A
     * database failure propagates: the mail stays unread in the folder for the next poll.
     */
    public void store(@ExchangeProperty("reservationMail") ReservationMail mail, @Body Booking booking)
            throws UnreadableReservation {
        try {
            if (SmoobuReservation.SOURCE.equals(booking.source())) {
                smoobuReservations.storeMail(booking, parsers.smoobuChannelReference(mail));
            } else {
                bookingSync.store(booking);
            }
        } catch (MergeRefused refused) {
            throw new UnreadableReservation("not merged: " + refused.getMessage());
        }
        metrics.reservationMail(ReservationExtraction.SOURCE.equals(booking.source()) ? "extracted" : "booked");
        LOG.info("event=reservation.mail.booked messageId={} source={}", logged(key(mail)), booking.source());
    }

    /** A mail taken before (same key): nothing is stored again; the mail goes to the processed folder. */
    public void duplicate(ReservationMail mail) {
        metrics.reservationMail("duplicate");
        LOG.info("event=reservation.mail.duplicate messageId={}", logged(key(mail)));
    }

    /**
     * Records why the mail goes to the quarantine folder (its id and the reason, nothing of its text).
     * The model refusing the request (a 4xx) is named by its status only: its answer may quote the mail.
     */
    public void quarantine(ReservationMail mail, Exception cause) {
        String reason = cause instanceof RemoteCallException refused
                ? ReservationExtraction.SOURCE + ": the model refused the request (HTTP " + refused.getStatus() + ")"
                : cause == null || cause.getMessage() == null ? "unreadable" : cause.getMessage();
        String stored = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        String key = key(mail);
        db.writeDurably(c -> Sql.insert(c, "INSERT INTO quarantined_mails (message_id, reason, quarantined_at)"
                + " VALUES (?, ?, ?)", key, stored, clock.millis()));
        metrics.reservationMail("quarantined");
        LOG.warn("event=reservation.mail.quarantined messageId={} (reason in quarantined_mails)", logged(key));
    }

    /** A Message-ID as logged: without line breaks, at most 200 characters. */
    private static String logged(String id) {
        String flat = id.replaceAll("[\\r\\n\\t ]", "_");
        return flat.length() > 200 ? flat.substring(0, 200) : flat;
    }
}
