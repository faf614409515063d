package io.conciergehub.reservation;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static io.conciergehub.support.HubWithAModel.jsonCompletion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.HubWithAModel;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With llm.base-url set, a confirmation in free prose that no parser recognises goes to the model:
 * the request names the JSON schema of the answer and carries the mail's text, with the model's
 * key; the fields the model returns become the guest and the booking (source "llm"), and the mail
 * is filed as processed. A mail a parser reads never goes to the model.
 */
class AMailNoParserReadsIsBookedFromTheModelsReadingTest {

    static final String PASSWORD = "mailbox-password-llm-1";
    static final String PROSE = """
            Dear colleagues,

            we kindly ask you to confirm the stay of Ms Chiara Neri and her husband, from 3 to 6 March 2027,
            in a double room with a sea view. Our file number is TA-88812; please quote it on the invoice.
            The guests land with flight AZ 1234 in the afternoon. Her mobile is 347 555 0101, her address
            chiara.neri@example.org.

            Kind regards,
            Viaggi Sereni travel agency
            """;

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubWithAModel env = HubWithAModel.withSettings(hub -> mailbox.hubSettings(hub, PASSWORD, "200ms"));

    @Test
    void theModelsFieldsBecomeTheBookingAndTheRequestCarriesTheSchemaAndTheMail() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(jsonCompletion("""
                {"is_reservation": true, "reference": "TA-88812", "guest_name": "Chiara Neri",
                 "email": "chiara.neri@example.org", "phone": "347 555 0101", "language": null,
                 "arrival": "2027-03-03", "departure": "2027-03-06", "adults": 2, "children": null,
                 "room": "double room, sea view", "flight_number": "AZ 1234", "cancelled": false}""")));

        mailbox.deliver("<prose-1@agency.example>", "Booking request for March", PROSE);
        mailbox.deliver("<conf-llm-2@bookings.example>", "New reservation PAR001",
                Mailbox.confirmation("PAR001", "Luca Verdi", "+39 347 111 9999", "2027-03-10", "2027-03-12"));

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.folder("Processed").size() == 2);
        assertThat(mailbox.folder("Processed")).allMatch(Mailbox.Mail::seen);
        assertThat(mailbox.folder("INBOX")).isEmpty();
        assertThat(mailbox.folder("Quarantine")).isEmpty();

        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE source = 'llm' AND external_id = 'TA-88812'"
                + " AND arrival = '2027-03-03' AND departure = '2027-03-06' AND adults = 2 AND flight_number = 'AZ1234'"
                + " AND apartment = 'double room, sea view' AND status = 'confirmed'")).isEqualTo(1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE source = 'generic' AND external_id = 'PAR001'"))
                .isEqualTo(1);
        JsonNode guests = new ObjectMapper().readTree(env.hub().postApi("/api/mesh/guests/query", TestHub.API_KEY,
                "{\"pageSize\":10}").body()).path("guests");
        JsonNode chiara = guests.get(0).path("phone").asText().equals("+393475550101") ? guests.get(0) : guests.get(1);
        assertThat(chiara.path("phone").asText()).as("a national number read in the hotel's region").isEqualTo("+393475550101");
        assertThat(chiara.path("name").asText()).isEqualTo("Chiara Neri");

        assertThat(env.chatRequests()).as("only the mail no parser reads").hasSize(1);
        LoggedRequest request = env.chatRequests().get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + HubWithAModel.KEY);
        JsonNode sent = new ObjectMapper().readTree(request.getBodyAsString());
        assertThat(sent.path("model").asText()).isEqualTo("test-model");
        assertThat(sent.path("temperature").asInt(-1)).isZero();
        assertThat(sent.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(sent.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").path(0).path("content").asText()).contains("JSON schema", "\"reference\"",
                "\"arrival\"", "\"departure\"", "\"guest_name\"", "\"phone\"", "\"flight_number\"", "\"cancelled\"");
        assertThat(sent.path("messages").path(1).path("content").asText()).contains("Booking request for March",
                "Our file number is TA-88812");

        String metrics = env.hub().get("/metrics", "X-API-Key", TestHub.API_KEY).body();
        assertThat(metrics).contains("concierge_reservation_mails_total{outcome=\"extracted\"} 1.0")
                .contains("concierge_reservation_mails_total{outcome=\"booked\"} 1.0");
    }
}
