package io.conciergehub.reservation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static io.conciergehub.support.HubWithAModel.jsonCompletion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubWithAModel;
import io.conciergehub.support.Mailbox;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The model's reading is checked like a parser's: a departure before the arrival, or no booking
 * reference, and the mail goes to the quarantine folder with a reason naming the problem (nothing
 * of the mail's text); no guest and no booking are stored.
 */
class AModelsReadingThatFailsTheChecksIsQuarantinedWithItsReasonTest {

    static final String PASSWORD = "mailbox-password-llm-2";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubWithAModel env = HubWithAModel.withSettings(hub -> mailbox.hubSettings(hub, PASSWORD, "200ms"));

    @Test
    void aReadingWithTheDepartureBeforeTheArrivalOrWithoutAReferenceIsQuarantined() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).withRequestBody(containing("Nils Berg")).willReturn(jsonCompletion("""
                {"is_reservation": true, "reference": "NB-2207", "guest_name": "Nils Berg", "phone": "+46 70 123 45 67",
                 "arrival": "2027-04-12", "departure": "2027-04-09", "cancelled": false}""")));
        env.llm().stubFor(post(urlEqualTo(CHAT)).withRequestBody(containing("Ines Costa")).willReturn(jsonCompletion("""
                {"is_reservation": true, "reference": null, "guest_name": "Ines Costa", "phone": "+351 912 345 678",
                 "arrival": "2027-05-02", "departure": "2027-05-04", "cancelled": false}""")));

        mailbox.deliver("<backwards@agency.example>", "A stay in April",
                "Please reserve a room for Mr Nils Berg, who comes on the 12th of April and leaves on the 9th. Ref NB-2207.");
        mailbox.deliver("<no-ref@agency.example>", "A stay in May",
                "Ms Ines Costa would like to stay with you from the 2nd to the 4th of May 2027.");

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.folder("Quarantine").size() == 2);
        assertThat(mailbox.folder("Quarantine")).allMatch(Mailbox.Mail::seen);
        assertThat(mailbox.folder("INBOX")).isEmpty();
        assertThat(mailbox.folder("Processed")).isEmpty();

        assertThat(env.hub().text("SELECT reason FROM quarantined_mails WHERE message_id = '<backwards@agency.example>'"))
                .isEqualTo("llm: the departure is before the arrival");
        assertThat(env.hub().text("SELECT reason FROM quarantined_mails WHERE message_id = '<no-ref@agency.example>'"))
                .isEqualTo("llm: no booking reference");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isZero();
        assertThat(env.chatRequests()).as("a reading that fails the checks is not asked for again").hasSize(2);
    }
}
