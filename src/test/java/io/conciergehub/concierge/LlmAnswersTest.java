package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With llm.base-url set, questions the knowledge base cannot answer go to an OpenAI-compatible endpoint. */
class LlmAnswersTest {

    static final String CHAT = "/v1/chat/completions";
    static final String KEY = "llm-secret-key";
    static final AtomicInteger GUEST = new AtomicInteger();

    WireMockServer llm;
    TestHub hub;

    @BeforeEach
    void startLlm() {
        llm = new WireMockServer(wireMockConfig().dynamicPort());
        llm.start();
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        llm.stop();
    }

    private void startHub(String... properties) throws Exception {
        TestHub.Builder builder = TestHub.builder().property("llm.base-url", llm.baseUrl() + "/v1")
                .property("llm.api-key", KEY).property("llm.model", "test-model").property("llm.retry-delay", "200")
                .property("hotel.wifi-password", "Sole2026");
        for (int i = 0; i < properties.length; i += 2) {
            builder.property(properties[i], properties[i + 1]);
        }
        hub = builder.start();
    }

    private static ResponseDefinitionBuilder completion(String content) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id":"chatcmpl-1","object":"chat.completion","model":"test-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}]}"""
                .formatted(content));
    }

    /** Sends a guest message and returns the text the guest received. */
    private String ask(String question) throws Exception {
        String phone = "+3935000%05d".formatted(GUEST.incrementAndGet());
        String body = Webhooks.spokiInbound(phone, question);
        hub.postSpoki(body);
        await().atMost(Duration.ofSeconds(20)).until(() -> !OutboundLog.to(hub, phone).isEmpty());
        return OutboundLog.to(hub, phone).get(0).path("text").asText();
    }

    private List<LoggedRequest> chatRequests() {
        return llm.findAll(postRequestedFor(urlEqualTo(CHAT)));
    }

    @Test
    void anUnknownQuestionIsAnsweredByTheModelWithTheHotelsFactsAsContext() throws Exception {
        llm.stubFor(post(urlEqualTo(CHAT)).willReturn(completion("Mi dispiace, non abbiamo una spa in hotel.")));
        startHub();

        String answer = ask("Avete una spa o una piscina?");

        assertThat(answer).isEqualTo("Mi dispiace, non abbiamo una spa in hotel.");
        LoggedRequest request = chatRequests().get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode sent = new ObjectMapper().readTree(request.getBodyAsString());
        assertThat(sent.path("model").asText()).isEqualTo("test-model");
        assertThat(sent.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").path(0).path("content").asText()).contains("in Italian", "Sole2026");
        assertThat(sent.path("messages").path(1).path("content").asText()).isEqualTo("Avete una spa o una piscina?");
        assertThat(hub.count("SELECT COUNT(*) FROM guests WHERE needs_attention = 1")).as("the one guest").isZero();
    }

    @Test
    void questionsTheKnowledgeBaseAnswersNeverGoToTheModel() throws Exception {
        llm.stubFor(post(urlEqualTo(CHAT)).willReturn(completion("should not be used")));
        startHub();

        assertThat(ask("What is the wifi password?")).startsWith("The Wi-Fi network is");
        assertThat(chatRequests()).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackOff() throws Exception {
        llm.stubFor(post(urlEqualTo(CHAT)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        llm.stubFor(post(urlEqualTo(CHAT)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        llm.stubFor(post(urlEqualTo(CHAT)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(completion("We have no spa, but the city baths are 10 minutes away.")));
        startHub();

        assertThat(ask("Do you have a spa?")).isEqualTo("We have no spa, but the city baths are 10 minutes away.");
        List<LoggedRequest> calls = chatRequests();
        assertThat(calls).hasSize(3);
        long firstWait = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        long secondWait = calls.get(2).getLoggedDate().getTime() - calls.get(1).getLoggedDate().getTime();
        assertThat(firstWait).as("first retry after llm.retry-delay").isGreaterThanOrEqualTo(190);
        assertThat(secondWait).as("second retry after twice that").isGreaterThanOrEqualTo(390);
    }

    @Test
    void aRateLimitWaitsForRetryAfter() throws Exception {
        llm.stubFor(post(urlEqualTo(CHAT)).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("free"));
        llm.stubFor(post(urlEqualTo(CHAT)).inScenario("limited").whenScenarioStateIs("free")
                .willReturn(completion("Yes, pets are welcome.")));
        startHub();

        assertThat(ask("Can I bring my dog?")).isEqualTo("Yes, pets are welcome.");
        List<LoggedRequest> calls = chatRequests();
        assertThat(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime())
                .as("waited for Retry-After, not the 200 ms back-off").isGreaterThanOrEqualTo(1900);
    }

    @Test
    void aRejectedRequestIsNotRetriedAndTheGuestGetsTheKnowledgeBaseAnswer() throws Exception {
        llm.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"message\":\"Incorrect API key\"}}")));
        startHub();

        assertThat(ask("Do you have a spa?")).startsWith("Thank you for your message!");
        assertThat(chatRequests()).hasSize(1);
        assertThat(hub.count("SELECT COUNT(*) FROM guests WHERE needs_attention = 1")).as("the one guest").isEqualTo(1);
    }

    @Test
    void whenTheModelIsDownGuestsGetTheKnowledgeBaseAnswerAndTheCircuitStopsTheCalls() throws Exception {
        llm.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(503)));
        startHub("llm.max-retries", "1", "llm.retry-delay", "50", "llm.circuit.minimum-calls", "2",
                "llm.circuit.window-size", "2");

        for (String question : new String[] {"Do you have a spa?", "Is there a gym?", "Can I rent a bike?",
                "Do you sell concert tickets?"}) {
            assertThat(ask(question)).startsWith("Thank you for your message!");
        }

        assertThat(chatRequests()).as("two questions, each tried twice; then the circuit is open").hasSize(4);
        assertThat(hub.get("/health", "X-API-Key", TestHub.API_KEY).body()).contains("\"llm\":\"OPEN\"");
    }
}
