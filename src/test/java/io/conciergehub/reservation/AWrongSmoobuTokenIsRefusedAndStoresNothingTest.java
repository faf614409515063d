package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Smoobu signs nothing: the hook URL's token is the proof. A wrong or missing token (or one sent
 * as a header instead) is answered 401 and stores nothing; no token, right or wrong, reaches the log.
 */
class AWrongSmoobuTokenIsRefusedAndStoresNothingTest {

    static final String WRONG = "guessed-token-8e1f7a2c4b9d";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(Smoobu::configure);

    @Test
    void aWrongOrMissingTokenIs401AndNeitherTokenIsLogged() throws Exception {
        String webhook = Smoobu.webhook("newReservation", "501", "2026-06-01 10:00:00",
                Smoobu.reservation("2026-07-01", "2026-07-05", 2));

        HttpResponse<String> wrong = Smoobu.post(env.hub(), WRONG, webhook);
        HttpResponse<String> missing = Smoobu.post(env.hub(), null, webhook);
        HttpResponse<String> prefix = Smoobu.post(env.hub(), Smoobu.SECRET.substring(0, 10), webhook);
        HttpResponse<String> asHeader = env.hub().postJson("/webhooks/smoobu", webhook, "token", Smoobu.SECRET);

        for (HttpResponse<String> answer : new HttpResponse[] {wrong, missing, prefix, asHeader}) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).contains("unauthorized").doesNotContain(WRONG, Smoobu.SECRET.substring(0, 10));
        }
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM smoobu_reservations")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isZero();

        // The right token: stored, and its URL is not in the log either.
        assertThat(Smoobu.post(env.hub(), webhook).statusCode()).isEqualTo(200);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isEqualTo(1);
        assertThat(env.hub().log().text()).contains("event=smoobu.applied").doesNotContain(WRONG, Smoobu.SECRET,
                Smoobu.SECRET.substring(0, 10));
    }
}
