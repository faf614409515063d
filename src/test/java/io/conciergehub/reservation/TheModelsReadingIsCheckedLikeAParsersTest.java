package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.guest.Booking;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * {@link ReservationExtraction}: the request sends the mail's subject and text (the HTML part's
 * text without a plain one, cut to a sane length) under instructions naming the answer's JSON
 * schema; the answer becomes a booking only when it passes the parsers' checks, each failure a
 * reason that names the field and no value of the mail.
 */
class TheModelsReadingIsCheckedLikeAParsersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = """
            {"is_reservation": true, "reference": "TA-88812", "guest_name": " Chiara   Neri ",
             "email": "Chiara.Neri@Example.org", "phone": "347 555 0101", "language": "Italian",
             "arrival": "2027-03-03", "departure": "2027-03-06", "adults": 2, "children": 1,
             "room": "Suite 4", "flight_number": "az 1234", "notes": " Late arrival, a cot please ", "cancelled": false}""";

    private final ReservationExtraction extraction = new ReservationExtraction(true, "test-model", "IT", JSON);

    @Test
    void aValidReadingIsABookingOfTheSourceLlm() throws Exception {
        Booking booking = extraction.booking(completion(VALID));

        assertThat(booking).isEqualTo(new Booking("llm", "TA-88812", "Chiara Neri", "+393475550101",
                "chiara.neri@example.org", "it", LocalDate.of(2027, 3, 3), LocalDate.of(2027, 3, 6), 2, 1, "Suite 4",
                "AZ1234", Booking.CONFIRMED, "Late arrival, a cot please"));
        assertThat(extraction.booking(completion(VALID.replace("\"cancelled\": false", "\"cancelled\": true"))).status())
                .isEqualTo(Booking.CANCELLED);
    }

    @Test
    void everyFieldThatFailsItsCheckIsNamed() {
        Map<String, String> wrong = Map.ofEntries(
                Map.entry("\"is_reservation\": false", "llm: the model found no reservation in this mail"),
                Map.entry("\"reference\": null", "llm: no booking reference"),
                Map.entry("\"reference\": \"TA 88812; DROP\"", "llm: the booking reference is not one (letters, digits, - / . _)"),
                Map.entry("\"arrival\": null", "llm: no arrival date"),
                Map.entry("\"arrival\": \"3 March 2027\"", "llm: the arrival date is not an ISO date (YYYY-MM-DD)"),
                Map.entry("\"departure\": \"2027-02-30\"", "llm: the departure date is not an ISO date (YYYY-MM-DD)"),
                Map.entry("\"departure\": \"2027-03-01\"", "llm: the departure is before the arrival"),
                Map.entry("\"phone\": \"333 00\"", "llm: the guest's phone number cannot exist"),
                Map.entry("\"email\": \"chiara at example\"", "llm: the guest's e-mail is not an address"),
                Map.entry("\"flight_number\": \"the morning flight\"", "llm: the flight number is not one (e.g. AZ608)"),
                Map.entry("\"adults\": -1", "llm: adults is not a number of guests (0 to 99)"),
                Map.entry("\"children\": 2.5", "llm: children is not a number of guests (0 to 99)"),
                Map.entry("\"guest_name\": [\"Chiara\"]", "llm: guest_name is not text"));
        wrong.forEach((field, reason) -> {
            String answer = VALID.replaceFirst("\"" + field.substring(1, field.indexOf("\":")) + "\": [^,}]+(\\s*})?",
                    Matcher.quoteReplacement(field) + "$1");
            assertThat(answer).as(field).contains(field);
            assertThatThrownBy(() -> extraction.booking(completion(answer))).as(field)
                    .isInstanceOf(UnreadableReservation.class).hasMessage(reason);
        });
    }

    @Test
    void anAnswerThatIsNoJsonObjectIsUnreadable() {
        for (String response : new String[] {"", "<html>busy</html>", "{\"choices\":[]}",
                "{\"choices\":[{\"message\":{\"content\":\"Sure! Here is the booking\"}}]}",
                "{\"choices\":[{\"message\":{\"content\":\"[1, 2]\"}}]}"}) {
            assertThatThrownBy(() -> extraction.booking(response)).as(response)
                    .hasMessage("llm: the model's answer is not a JSON object");
        }
    }

    @Test
    void theRequestNamesTheSchemaAndCarriesTheSubjectAndText() {
        ReservationMail html = new ReservationMail("<h@x>", "agency@example.com", "Stay in March", null,
                "<html><body><p>Ms Neri arrives on 3 March.</p><p>She leaves on 6 March.</p></body></html>");

        Map<String, Object> request = extraction.build(html);

        assertThat(request).containsEntry("model", "test-model").containsEntry("temperature", 0)
                .containsEntry("response_format", Map.of("type", "json_object"));
        assertThat(request.get("messages").toString()).contains(ReservationExtraction.SCHEMA)
                .contains("Subject: Stay in March\n\nMs Neri arrives on 3 March.\nShe leaves on 6 March.");
        ReservationMail longMail = new ReservationMail("<l@x>", null, "Long", "x".repeat(50_000), null);
        assertThat(ReservationExtraction.text(longMail)).hasSize(ReservationExtraction.MAX_TEXT);
    }

    private static String completion(String content) throws Exception {
        return JSON.writeValueAsString(Map.of("choices", List.of(Map.of("message",
                Map.of("role", "assistant", "content", content)))));
    }
}
