package io.conciergehub.reservation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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

/**
 * With smoobu.api-key set, the webhook only says which reservation changed: the hub reads it from
 * Smoobu's API (GET /api/reservations/{id}, header Api-Key) and stores what the API answers. A new
 * reservation the API does not know stores nothing (a deleted one is cancelled:
 * ASmoobuReservationTheApiNoLongerKnowsIsCancelledByItsDeletionTest); an API failure, or an answer
 * that is no JSON, is answered 502 so that Smoobu sends the webhook again (a 4xx would tell it the
 * webhook was wrong).
 */
class ASmoobuReservationIsReReadFromTheApiWhenAKeyIsSetTest {

    static final String API_KEY = "smoobu-api-key-71c0d9e2a4";
    static final WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        api.start();
        api.stubFor(get(urlEqualTo("/api/reservations/701")).withHeader("Api-Key", equalTo(API_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":701,\"modifiedAt\":\"2026-06-02 08:00:00\"," + Smoobu.reservation(
                                "2026-08-10", "2026-08-14", 4) + "}")));
        api.stubFor(get(urlEqualTo("/api/reservations/702")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"title\":\"Not Found\"}")));
        api.stubFor(get(urlEqualTo("/api/reservations/703")).willReturn(aResponse().withStatus(500)));
        // A proxy in front of the API, or an answer cut off on the way.
        api.stubFor(get(urlEqualTo("/api/reservations/704")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Service paused</body></html>")));
        api.stubFor(get(urlEqualTo("/api/reservations/705")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":705,\"arrival\":\"2026-")));
    }

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> Smoobu.configureWithApi(hub, API_KEY, api));

    @AfterAll
    static void stopApi() {
        api.stop();
    }

    @Test
    void theReservationIsStoredAsTheApiDescribesIt() throws Exception {
        // The webhook's own (older) data differs from what the API answers.
        HttpResponse<String> answer = Smoobu.post(env.hub(), Smoobu.webhook("updateReservation", "701",
                "2026-06-01 10:00:00", Smoobu.reservation("2026-08-10", "2026-08-12", 2)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(env.hub().text("SELECT departure || '|' || adults FROM bookings WHERE external_id = '701'"))
                .isEqualTo("2026-08-14|4");
        assertThat(env.hub().text("SELECT modified_at FROM smoobu_reservations WHERE reservation_id = '701'"))
                .isEqualTo("2026-06-02T08:00:00");
        api.verify(1, getRequestedFor(urlEqualTo("/api/reservations/701")).withHeader("Api-Key", equalTo(API_KEY)));
        assertThat(api.findAll(getRequestedFor(urlEqualTo("/api/reservations/701"))).get(0).getAllHeaderKeys())
                .as("nothing of the webhook's request goes on to Smoobu").doesNotContain("token");
        assertThat(env.hub().log().text()).doesNotContain(API_KEY);
    }

    @Test
    void aReservationTheApiDoesNotKnowStoresNothing() throws Exception {
        HttpResponse<String> answer = Smoobu.post(env.hub(), Smoobu.webhook("newReservation", "702",
                "2026-06-01 10:00:00", Smoobu.reservation("2026-08-10", "2026-08-12", 2)));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"result\":\"ignored\"");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id = '702'")).isZero();
    }

    @Test
    void anApiFailureIs502AndStoresNothing() throws Exception {
        HttpResponse<String> answer = Smoobu.post(env.hub(), Smoobu.webhook("newReservation", "703",
                "2026-06-01 10:00:00", Smoobu.reservation("2026-08-10", "2026-08-12", 2)));

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id = '703'")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM smoobu_reservations WHERE reservation_id = '703'")).isZero();
    }

    @Test
    void anApiAnswerThatIsNoJsonIs502AndStoresNothing() throws Exception {
        for (String id : new String[] {"704", "705"}) {
            HttpResponse<String> answer = Smoobu.post(env.hub(), Smoobu.webhook("newReservation", id,
                    "2026-06-01 10:00:00", Smoobu.reservation("2026-08-10", "2026-08-12", 2)));

            assertThat(answer.statusCode()).as(id + ": " + answer.body()).isEqualTo(502);
            assertThat(answer.body()).as(id).contains("smoobu_api_failed");
            assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id = '" + id + "'")).as(id).isZero();
        }
    }
}
