package io.conciergehub.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** A guest's name as the guest query shows it to a key with the {@code read} scope ({@link TestHub.Builder#scopedKeys}). */
public final class GuestNames {

    private GuestNames() {
    }

    public static String of(TestHub hub, String phone) throws Exception {
        HttpResponse<String> found = hub.postApi("/api/mesh/guests/query", TestHub.READ_KEY,
                "{\"phone\":\"" + phone + "\"}");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return new ObjectMapper().readTree(found.body()).path("guests").path(0).path("name").asText(null);
    }
}
