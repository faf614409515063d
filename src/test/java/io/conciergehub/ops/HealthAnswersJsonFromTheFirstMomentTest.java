package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.TestHub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * From the moment the hub's port accepts connections, {@code /health} answers 503 JSON DOWN while
 * the hub starts and 200 once it has: never the HTTP server's 404 page before the route exists.
 */
class HealthAnswersJsonFromTheFirstMomentTest {

    record Answer(int status, String contentType, String body) {
    }

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    @Test
    void whileStartingItIs503JsonDownThen200() throws Exception {
        int port = TestHub.freePort();
        CompletableFuture<TestHub> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return TestHub.builder().port(port).start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Answer> answers = new CopyOnWriteArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> {
                Answer answer = health(port);
                if (answer != null) {
                    answers.add(answer);
                }
                return answer != null && answer.status() == 200;
            });
        } finally {
            starting.join().close();
        }

        assertThat(answers).as("answers before the hub started").anyMatch(answer -> answer.status() == 503);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isIn(200, 503);
            assertThat(answer.contentType()).startsWith("application/json");
        });
        assertThat(answers).filteredOn(answer -> answer.status() == 503)
                .allSatisfy(answer -> assertThat(answer.body()).contains("\"status\":\"DOWN\""));
    }

    /** The answer, or null while the port does not accept connections yet. */
    Answer health(int port) throws Exception {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException notListeningYet) {
            return null;
        }
    }
}
