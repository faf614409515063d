package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.guest.Booking;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each sample mail under mail/&lt;source&gt;/ is recognised by that source's parser and parses to
 * exactly the booking mail/expected.yaml lists for it: every field, nulls included.
 */
class EveryParserReadsItsSampleMailsTest {

    private static final Map<String, Booking> EXPECTED = SampleMails.expected();
    private final ReservationParsers parsers = new ReservationParsers("IT");

    static List<String> samples() {
        return SampleMails.readable();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theSampleParsesToItsExpectedBooking(String sample) throws UnreadableReservation {
        ReservationMail mail = SampleMails.read(sample);

        assertThat(parsers.sourceOf(mail)).as("the parser that recognises %s", sample).isEqualTo(SampleMails.folderOf(sample));
        assertThat(EXPECTED).as("expected.yaml lists %s", sample).containsKey(sample);
        assertThat(parsers.parse(mail)).as(sample).usingRecursiveComparison().isEqualTo(EXPECTED.get(sample));
    }

    @Test
    void everySourceHasAtLeastTwoSamplesAndTheTableNoStaleEntry() {
        Map<String, Long> perSource = samples().stream()
                .collect(Collectors.groupingBy(SampleMails::folderOf, TreeMap::new, Collectors.counting()));

        assertThat(perSource).containsOnlyKeys("airbnb", "booking.com", "expedia", "generic", "smoobu", "website");
        assertThat(perSource.values()).allMatch(count -> count >= 2);
        assertThat(perSource.get("generic")).isGreaterThanOrEqualTo(5);
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(samples());
    }

    @Test
    void theSamplesAreRealMultipartMailsWhereTheSourceSendsHtml() {
        for (String sample : samples()) {
            ReservationMail mail = SampleMails.read(sample);
            assertThat(mail.messageId()).as(sample).isNotBlank();
            assertThat(mail.from()).as(sample).contains("@");
            assertThat(mail.subject()).as(sample).isNotBlank();
            assertThat(mail.textBody()).as(sample).isNotBlank();
            if (List.of("booking.com", "airbnb", "expedia").contains(SampleMails.folderOf(sample))) {
                assertThat(mail.htmlBody()).as(sample).contains("<table");
            }
        }
    }
}
