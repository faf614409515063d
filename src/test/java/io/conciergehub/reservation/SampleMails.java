package io.conciergehub.reservation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.conciergehub.guest.Booking;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The sample reservation e-mails under src/test/resources/mail/&lt;source&gt;/*.eml, read as RFC 822
 * messages with jakarta.mail (as camel-mail reads them) into {@link ReservationMail}s, and the table
 * of what each must parse to (mail/expected.yaml).
 */
final class SampleMails {

    static final String ROOT = "mail";
    static final String UNREADABLE = "unreadable";
    private static final Session SESSION = Session.getInstance(new Properties());

    private SampleMails() {
    }

    /** Every sample, as "source/file.eml", sorted. */
    static List<String> all() {
        URL root = SampleMails.class.getClassLoader().getResource(ROOT);
        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
            Path base = Path.of(root.toURI());
            return files.filter(p -> p.toString().endsWith(".eml"))
                    .map(p -> base.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the sample mails", e);
        }
    }

    /** The samples a parser must read (all but those under unreadable/). */
    static List<String> readable() {
        return all().stream().filter(name -> !name.startsWith(UNREADABLE + "/")).toList();
    }

    /** The folder of a sample: the source of the parser that must recognise it. */
    static String folderOf(String name) {
        return name.substring(0, name.indexOf('/'));
    }

    /** The sample as a mail, e.g. to deliver into a mailbox. */
    static MimeMessage message(String name) {
        try (InputStream in = SampleMails.class.getClassLoader().getResourceAsStream(ROOT + "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample mail " + name);
            }
            return new MimeMessage(SESSION, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("sample mail " + name + " is not a mail", e);
        }
    }

    static ReservationMail read(String name) {
        try {
            MimeMessage message = message(name);
            Bodies bodies = new Bodies();
            bodies.collect(message);
            Address[] from = message.getFrom();
            String sender = from == null || from.length == 0 ? null
                    : from[0] instanceof InternetAddress address ? address.toUnicodeString() : from[0].toString();
            String subject = message.getSubject() == null ? null : message.getSubject().strip();
            return new ReservationMail(message.getMessageID(), sender, subject, bodies.text, bodies.html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("sample mail " + name + " is not a mail", e);
        }
    }

    /** The expected booking of every readable sample, by name. */
    static Map<String, Booking> expected() {
        try (InputStream in = SampleMails.class.getClassLoader().getResourceAsStream(ROOT + "/expected.yaml")) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> table = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            Map<String, Booking> expected = new TreeMap<>();
            table.forEach((name, f) -> expected.put(name, new Booking(text(f, "source"), text(f, "externalId"),
                    text(f, "guestName"), text(f, "phone"), text(f, "email"), text(f, "language"),
                    date(f, "arrival"), date(f, "departure"), number(f, "adults"), number(f, "children"),
                    text(f, "apartment"), text(f, "flightNumber"), text(f, "status"), text(f, "notes"))));
            return expected;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Map<String, Object> fields, String name) {
        if (!fields.containsKey(name)) {
            throw new IllegalArgumentException("expected.yaml: every sample lists every field; missing " + name);
        }
        Object value = fields.get(name);
        return value == null ? null : value.toString();
    }

    private static LocalDate date(Map<String, Object> fields, String name) {
        String value = text(fields, name);
        return value == null ? null : LocalDate.parse(value);
    }

    private static Integer number(Map<String, Object> fields, String name) {
        String value = text(fields, name);
        return value == null ? null : Integer.valueOf(value);
    }

    /** The first text/plain and text/html parts of a message, however nested. */
    private static final class Bodies {
        String text;
        String html;

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child);
                }
            } else if (part.isMimeType("text/plain") && text == null && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                text = (String) part.getContent();
            } else if (part.isMimeType("text/html") && html == null) {
                html = (String) part.getContent();
            }
        }
    }
}
