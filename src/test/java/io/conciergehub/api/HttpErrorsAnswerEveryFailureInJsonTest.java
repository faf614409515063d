package io.conciergehub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubRouteTest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;

/**
 * The http-errors route configuration (api.camel.yaml): whatever fails in an HTTP route
 * is answered once, in JSON {"error", "detail"}, with the status the failure calls for; nothing is
 * retried. Played on a route of this test's own that fails as each test says.
 */
class HttpErrorsAnswerEveryFailureInJsonTest extends HubRouteTest {

    static final String PATH = "/route-test/failing";
    static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger calls = new AtomicInteger();
    private volatile Exception failure;

    @Configure
    protected void addAFailingRoute(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:" + PATH).routeId("route-test-failing").routeConfigurationId("http-errors")
                        .process(exchange -> {
                            calls.incrementAndGet();
                            throw failure;
                        });
            }
        });
    }

    @Test
    void anHttpProblemIsAnsweredWithItsStatusErrorDetailAndField() throws Exception {
        HttpResponse<String> invalid = fail(HttpProblem.invalidField("payload.phone", "not a phone number"));
        HttpResponse<String> conflict = fail(HttpProblem.conflict("idempotencyKey reused"));

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid)).isEqualTo(JSON.readTree("""
                {"error":"invalid_field","detail":"payload.phone: not a phone number","field":"payload.phone"}"""));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict)).isEqualTo(JSON.readTree("""
                {"error":"conflict","detail":"idempotencyKey reused"}"""));
    }

    @Test
    void aBodyThatIsNotJsonIsA400() throws Exception {
        HttpResponse<String> answer = fail(new JsonParseException(null, "Unexpected end-of-input"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).isEqualTo("malformed_json");
    }

    @Test
    void anyOtherFailureIsA500ToRetryLaterThatTellsNothingOfTheCause() throws Exception {
        HttpResponse<String> answer = fail(new IllegalStateException("database is locked at /srv/hub.db"));

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(json(answer).path("error").asText()).isEqualTo("internal_error");
        assertThat(answer.body()).doesNotContain("database", "/srv");
    }

    @Test
    void aFailedRequestIsNotRetried() throws Exception {
        calls.set(0);

        fail(new IllegalStateException("broken"));
        fail(HttpProblem.notFound("no such thing"));

        assertThat(calls).hasValue(2);
    }

    private HttpResponse<String> fail(Exception with) throws Exception {
        failure = with;
        return hub.get(PATH);
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        return JSON.readTree(answer.body());
    }
}
