package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.guest.Booking;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * An HTML body is read with jsoup, not with patterns over the markup: a two-cell table row is a
 * "label: value" line even inside layout tables, a paragraph split by &lt;br&gt; is several lines,
 * entities are decoded, scripts and styles are not text; a mail with only an HTML part is read too.
 */
class HtmlBodiesAreReadAsLabelledLinesTest {

    @Test
    void twoCellRowsInsideLayoutTablesAreLabelledLines() {
        String html = "<html><head><style>td{color:red}</style><script>var x='Arrival: 1 Jan 2000';</script></head><body>"
                + "<table><tr><td><table><tr><td>Check-in</td><td><b>Sat, 12&nbsp;Dec 2026</b></td></tr>"
                + "<tr><th>Room:</th><td>Suite &amp; Terrace</td></tr></table></td></tr></table>"
                + "<p>Arrival flight: AZ608<br>Notes: none</p><div><span>Thank you</span></div></body></html>";

        assertThat(MailLines.ofHtml(html)).containsExactly("Check-in: Sat, 12 Dec 2026", "Room: Suite & Terrace",
                "Arrival flight: AZ608", "Notes: none", "Thank you");
    }

    @Test
    void aMailWithOnlyAnHtmlPartIsRead() throws UnreadableReservation {
        String html = "<table><tr><td>Booking number</td><td>H-77</td></tr><tr><td>Arrival</td><td>12 Dec 2026</td></tr>"
                + "<tr><td>Departure</td><td>14 Dec 2026</td></tr></table>";

        Booking booking = new ReservationParsers("IT").parse(
                new ReservationMail("<h@example.com>", "agency@example.com", "Confirmation", null, html));

        assertThat(booking.externalId()).isEqualTo("H-77");
        assertThat(booking.arrival()).isEqualTo(LocalDate.of(2026, 12, 12));
        assertThat(booking.departure()).isEqualTo(LocalDate.of(2026, 12, 14));
    }

    @Test
    void theSourcesThatSendHtmlAreReadFromTheirHtmlPartNotTheTextStub() throws UnreadableReservation {
        ReservationMail sample = SampleMails.read("booking.com/new-booking-en.eml");
        assertThat(sample.textBody()).doesNotContain("Emma Fictional");

        assertThat(new ReservationParsers("IT").parse(sample).guestName()).isEqualTo("Emma Fictional");
    }
}
