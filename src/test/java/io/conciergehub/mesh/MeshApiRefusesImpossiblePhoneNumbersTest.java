package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A phone number that cannot exist (an unknown country code, too short or too long for its
 * country) is a 400 naming the field wherever the mesh API takes one, without echoing it; nothing
 * is stored.
 */
class MeshApiRefusesImpossiblePhoneNumbersTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @ParameterizedTest
    @ValueSource(strings = {"+999 1234 5678", "+39 3331", "+39 333 1234 5678 901", "+1 202 555 01"})
    void aCommandToItIs400AndNotStored(String phone) throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/commands", TestHub.API_KEY,
                "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone + "\",\"message\":\"hi\"}}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(MeshJson.body(answer).path("field").asText()).isEqualTo("payload.phone");
        assertThat(answer.body()).doesNotContain(phone.replace(" ", "").substring(1));
        assertThat(env.hub().count("SELECT COUNT(*) FROM commands")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999 1234 5678", "+39 3331"})
    void aBookingWithItIsRefusedAndNoGuestIsCreated(String phone) throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/sync/bookings", TestHub.API_KEY, """
                {"bookings":[{"externalId":"R-%s","source":"airbnb","guestName":"Anna","phone":"%s",
                  "arrival":"2026-12-01","departure":"2026-12-05"}]}""".formatted(phone.hashCode(), phone));

        assertThat(answer.body()).contains("bookings[0].phone");
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999 1234 5678", "+39 3331"})
    void aGuestQueryByItIs400(String phone) throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/guests/query", TestHub.API_KEY,
                "{\"phone\":\"" + phone + "\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(MeshJson.body(answer).path("field").asText()).isEqualTo("phone");
    }
}
