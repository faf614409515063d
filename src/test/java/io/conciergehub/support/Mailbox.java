package io.conciergehub.support;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The hotel's reservations mailbox: a GreenMail IMAP server on a fixed free port (so it can be
 * stopped and started again where the hub expects it), one user. As a JUnit extension it starts
 * before the hub and stops after it; {@link #hubSettings} gives the hub the imap.* settings.
 */
public final class Mailbox implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    public static final String USER = "reservations";
    public static final String ADDRESS = "reservations@hotel.example";

    private final int port;
    private String password;
    private GreenMail server;

    public Mailbox(String password) {
        this.port = TestHub.freePort();
        this.password = password;
    }

    /** The mailbox's user accepts this password (the one the hub is told, or not). */
    public Mailbox start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        server.start();
        server.setUser(ADDRESS, USER, password);
        return this;
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public void changePassword(String newPassword) {
        password = newPassword;
        user().setPassword(newPassword);
    }

    public String url() {
        return "imap://127.0.0.1:" + port;
    }

    /** The hub's imap.* settings for this mailbox, a short poll delay. */
    public TestHub.Builder hubSettings(TestHub.Builder hub, String hubPassword, String pollDelay) {
        return hub.property("imap.url", url()).property("imap.user", USER).property("imap.password", hubPassword)
                .property("imap.poll-delay", pollDelay).property("imap.timeout", "2s");
    }

    private GreenMailUser user() {
        return server.getUserManager().getUser(USER);
    }

    /** A labelled plain-text confirmation, as the generic parser reads them (and the placeholder). */
    public static String confirmation(String reference, String guest, String phone, String arrival, String departure) {
        return "Dear hotel,\n\nyou have a new reservation.\n\nBooking number: " + reference + "\nGuest: " + guest
                + "\nPhone: " + phone + "\nArrival: " + arrival + "\nDeparture: " + departure
                + "\n\nKind regards,\nYour booking website\n";
    }

    /** Puts a plain-text mail with this Message-ID, unread, in INBOX. */
    public void deliver(String messageId, String subject, String text) throws Exception {
        MimeMessage mail = message(messageId, subject);
        mail.setText(text, "UTF-8");
        put(mail);
    }

    /** Puts a multipart/alternative mail (text and HTML) with this Message-ID, unread, in INBOX. */
    public void deliverAlternative(String messageId, String subject, String text, String html) throws Exception {
        MimeMessage mail = message(messageId, subject);
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html, "text/html; charset=UTF-8");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        mail.setContent(alternative);
        put(mail);
    }

    /** Puts a mail made by the caller (extra headers, …) in INBOX. */
    public void deliver(MimeMessage mail) throws Exception {
        put(mail);
    }

    /** A message whose Message-ID stays the one given (JavaMail would make its own on saving). */
    public MimeMessage message(String messageId, String subject) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(new InternetAddress("noreply@bookings.example"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
        mail.setSubject(subject, "UTF-8");
        return mail;
    }

    /**
     * Puts a mail, unread, in INBOX exactly as written (RFC 822 text, CRLF or LF lines): not saved
     * first, so a mail whose MIME does not decode (a multipart without its boundary, broken base64)
     * arrives as broken as a sender wrote it.
     */
    public void deliverAsWritten(String rfc822) throws Exception {
        user().deliver(new MimeMessage(Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(rfc822.replace("\r\n", "\n").replace("\n", "\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    private void put(MimeMessage mail) throws Exception {
        mail.saveChanges();
        user().deliver(mail);
    }

    /** A mail in a folder as an IMAP client sees it. */
    public record Mail(String messageId, String subject, boolean seen) {
    }

    /** The mails of a folder (none if it does not exist), read without marking them read. */
    public List<Mail> folder(String name) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "2000");
        properties.put("mail.imap.timeout", "2000");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", port, USER, password);
        try {
            Folder folder = store.getFolder(name);
            List<Mail> mails = new ArrayList<>();
            if (!folder.exists()) {
                return mails;
            }
            folder.open(Folder.READ_ONLY);
            try {
                for (Message message : folder.getMessages()) {
                    try {
                        if (message.isSet(Flags.Flag.DELETED)) {
                            continue;
                        }
                        String[] ids = message.getHeader("Message-ID");
                        mails.add(new Mail(ids == null ? null : ids[0], message.getSubject(),
                                message.isSet(Flags.Flag.SEEN)));
                    } catch (MessagingException movedMeanwhile) {
                        // The hub moved it (copied, then expunged here) while this client read the folder.
                    }
                }
            } finally {
                folder.close(false);
            }
            return mails;
        } finally {
            store.close();
        }
    }

    /** Puts the mails of a folder back in INBOX, unread (a mail client's "move back, mark unread"). */
    public void moveBackToInbox(String name) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", port, USER, password);
        try {
            Folder folder = store.getFolder(name);
            folder.open(Folder.READ_WRITE);
            Message[] messages = folder.getMessages();
            folder.setFlags(messages, new Flags(Flags.Flag.SEEN), false);
            folder.copyMessages(messages, store.getFolder("INBOX"));
            folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
            folder.close(true);
        } finally {
            store.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void close() {
        stop();
    }
}
