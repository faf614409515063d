package io.conciergehub.reservation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With smoobu.api-key set, each webhook's reservation is read again from Smoobu's API. A reservation
 * deleted in Smoobu (or cancelled and gone) is answered 404 there: for a deleteReservation or a
 * cancelReservation that answer is the confirmation, and the booking is cancelled, so the guest
 * gets no further journey message. Only the booking the hub knows as that reservation: a
 * cancellation of a reservation the API never vouched for cancels no booking its body names by the
 * channel's number. A new reservation the API does not know still stores nothing
 * (ASmoobuReservationIsReReadFromTheApiWhenAKeyIsSetTest).
 */
class ASmoobuReservationTheApiNoLongerKnowsIsCancelledByItsDeletionTest {

    static final String API_KEY = "smoobu-api-key-0b7e5d13f9";
    static final WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        api.start();
    }

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> Smoobu.configureWithApi(hub, API_KEY, api));

    @AfterAll
    static void stopApi() {
        api.stop();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"deleteReservation, 811", "cancelReservation, 812"})
    void theBookingIsCancelledWhenTheApiAnswers404(String action, String id) throws Exception {
        String fields = Smoobu.reservation("2026-08-10", "2026-08-14", 2);
        apiAnswers(id, 200, "{\"id\":" + id + ",\"modifiedAt\":\"2026-06-01 10:00:00\"," + fields + "}");
        assertThat(result(Smoobu.post(env.hub(), Smoobu.webhook("newReservation", id, "2026-06-01 10:00:00", fields))))
                .isEqualTo("created");
        assertThat(status(id)).isEqualTo("confirmed");

        apiAnswers(id, 404, "{\"title\":\"Not Found\",\"detail\":\"reservation not found\"}");
        HttpResponse<String> answer = Smoobu.post(env.hub(), Smoobu.webhook(action, id, "2026-06-03 09:00:00", fields));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(result(answer)).isEqualTo("cancelled");
        assertThat(status(id)).isEqualTo("cancelled");
        assertThat(env.hub().text("SELECT cancelled FROM smoobu_reservations WHERE reservation_id = '" + id + "'"))
                .isEqualTo("1");
        api.verify(2, getRequestedFor(urlEqualTo("/api/reservations/" + id)));
    }

    @Test
    void aGoneReservationNeverSeenCancelsNoBookingItsBodyNamesByTheChannelsNumber() throws Exception {
        MailboxJourney.synced(env.hub(), "direct", "4711009999", "+393331234599", "2026-09-10", "2026-09-14");

        apiAnswers("999", 404, "{\"title\":\"Not Found\",\"detail\":\"reservation not found\"}");
        HttpResponse<String> answer = Smoobu.post(env.hub(), Smoobu.webhook("cancelReservation", "999",
                "2026-06-03 09:00:00", "\"reference-id\":\"4711009999\""));

        assertThat(result(answer)).isEqualTo("cancelled");
        assertThat(env.hub().text("SELECT status FROM bookings WHERE external_id = '4711009999'"))
                .as("the booking the body names by the channel's number").isEqualTo("confirmed");
    }

    private static void apiAnswers(String id, int status, String body) {
        api.stubFor(get(urlEqualTo("/api/reservations/" + id)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String result(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body().replaceAll(".*\"result\":\"([a-z]+)\".*", "$1");
    }

    private static String status(String id) throws Exception {
        return env.hub().text("SELECT status FROM bookings WHERE source = 'smoobu' AND external_id = '" + id + "'");
    }
}
