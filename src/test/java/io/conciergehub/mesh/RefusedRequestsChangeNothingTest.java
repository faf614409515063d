package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderReview;
import io.conciergehub.support.HubUnderReview.Operation;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Security review: every API route is walked without a key, with a wrong key and with a key lacking
 * its scope, and with oversize, malformed and mistyped bodies; webhooks without the provider's
 * signature. Each is refused with the status it calls for, in JSON, and stores or changes nothing.
 */
class RefusedRequestsChangeNothingTest {

    @RegisterExtension
    static final HubUnderReview env = new HubUnderReview();

    static Stream<Operation> operations() {
        return HubUnderReview.operations();
    }

    static Stream<Operation> operationsWithBody() {
        return HubUnderReview.operationsWithBody();
    }

    @ParameterizedTest(name = "{0} without a key, with a wrong key, and with a key lacking the scope")
    @MethodSource("operations")
    void everyApiRouteWantsTheRightKey(Operation operation) throws Exception {
        Map<String, Long> before = env.rowCounts();
        String body = operation.validBody() == null ? "" : operation.validBody();

        HttpResponse<String> none = env.call(operation, body, "application/json");
        HttpResponse<String> wrong = env.call(operation, body, "application/json", "X-API-Key", "guess-" + TestHub.API_KEY);
        HttpResponse<String> bearerWrong = env.call(operation, body, "application/json", "Authorization", "Bearer nope");
        HttpResponse<String> unscoped = env.call(operation, body, "application/json", "X-API-Key",
                operation.keyWithoutScope());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(bearerWrong.statusCode()).isEqualTo(401);
        assertThat(unscoped.statusCode()).isEqualTo(403);
        assertThat(List.of(none, wrong, bearerWrong, unscoped)).allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("application/json"));
            assertThat(MeshJson.body(answer).path("error").asText()).isNotBlank();
        });
        assertThat(env.rowCounts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} with a body over 1 MiB, malformed JSON, a JSON array, and the wrong content type")
    @MethodSource("operationsWithBody")
    void badBodiesAreRefusedAndStoreNothing(Operation operation) throws Exception {
        Map<String, Long> before = env.rowCounts();

        HttpResponse<String> huge = env.call(operation, "{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}",
                "application/json", "X-API-Key", TestHub.API_KEY);
        HttpResponse<String> malformed = env.call(operation, "{\"action\": [", "application/json", "X-API-Key",
                TestHub.API_KEY);
        HttpResponse<String> array = env.call(operation, "[1,2]", "application/json", "X-API-Key", TestHub.API_KEY);
        HttpResponse<String> text = env.call(operation, operation.validBody(), "text/plain", "X-API-Key", TestHub.API_KEY);

        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(env.rowCounts()).isEqualTo(before);
    }

    @Test
    void webhooksWantTheProviderSignature() throws Exception {
        Map<String, Long> before = env.rowCounts();
        String body = Webhooks.spokiInbound("+393331119999", "Ciao");

        assertThat(env.hub().postJson("/webhooks/spoki", body).statusCode()).isEqualTo(401);
        assertThat(env.hub().postJson("/webhooks/spoki", body, "X-Spoki-Signature", "t=1,v2=00").statusCode())
                .isEqualTo(401);
        assertThat(env.hub().postJson("/webhooks/whatsapp", "{}").statusCode()).isEqualTo(401);
        assertThat(env.hub().get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1")
                .statusCode()).isEqualTo(403);
        assertThat(env.hub().postJson("/webhooks/spoki", "x".repeat(2 * 1024 * 1024)).statusCode()).isEqualTo(413);
        assertThat(env.rowCounts()).isEqualTo(before);
    }
}
