package io.conciergehub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A hub with LLM answers on (llm.base-url), its model an OpenAI-compatible chat endpoint stubbed on
 * loopback (WireMock), both started once for a test class:
 * {@code @RegisterExtension static final HubWithAModel env = HubWithAModel.withProperties(...)}.
 * A test stubs the model's answers, then asks as a guest would.
 */
public final class HubWithAModel implements BeforeAllCallback, AfterAllCallback {

    public static final String CHAT = "/v1/chat/completions";
    public static final String KEY = "llm-secret-key";
    private static final AtomicInteger GUEST = new AtomicInteger();

    private final UnaryOperator<TestHub.Builder> settings;
    private WireMockServer llm;
    private TestHub hub;

    private HubWithAModel(UnaryOperator<TestHub.Builder> settings) {
        this.settings = settings;
    }

    /** Hub properties as key, value, key, value ... on top of the model's settings. */
    public static HubWithAModel withProperties(String... properties) {
        return withSettings(hub -> {
            for (int i = 0; i < properties.length; i += 2) {
                hub.property(properties[i], properties[i + 1]);
            }
            return hub;
        });
    }

    /** Hub settings on top of the model's (e.g. a {@link Mailbox}'s). */
    public static HubWithAModel withSettings(UnaryOperator<TestHub.Builder> settings) {
        return new HubWithAModel(settings);
    }

    /**
     * A model that fails is given up on quickly: one retry after 50 ms, and its circuit opens after
     * two failed calls, for a second.
     */
    public static TestHub.Builder quickToGiveUp(TestHub.Builder hub) {
        return hub.property("llm.max-retries", "1").property("llm.retry-delay", "50")
                .property("llm.circuit.minimum-calls", "2").property("llm.circuit.window-size", "2")
                .property("llm.circuit.open-duration", "1s");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        llm = new WireMockServer(wireMockConfig().dynamicPort());
        llm.start();
        TestHub.Builder builder = TestHub.builder().property("llm.base-url", llm.baseUrl() + "/v1")
                .property("llm.api-key", KEY).property("llm.model", "test-model").property("llm.retry-delay", "200")
                .property("hotel.wifi-password", "Sole2026");
        hub = settings.apply(builder).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (hub != null) {
            hub.close();
        }
        llm.stop();
    }

    public WireMockServer llm() {
        return llm;
    }

    public TestHub hub() {
        return hub;
    }

    /** The model's answer: a chat completion with this content. */
    public static ResponseDefinitionBuilder completion(String content) {
        return chatCompletion("\"" + content + "\"");
    }

    /** The model's answer: a chat completion whose content is this JSON object (as JSON-object mode returns it). */
    public static ResponseDefinitionBuilder jsonCompletion(String object) {
        try {
            return chatCompletion(new ObjectMapper().writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinitionBuilder chatCompletion(String contentAsJson) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id":"chatcmpl-1","object":"chat.completion","model":"test-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":900,"completion_tokens":100,"total_tokens":1000}}"""
                .formatted(contentAsJson));
    }

    /** Sends a guest message and returns the text the guest received. */
    public String ask(String question) throws Exception {
        String phone = "+3935000%05d".formatted(GUEST.incrementAndGet());
        String body = Webhooks.spokiInbound(phone, question);
        hub.postSpoki(body);
        await().atMost(Duration.ofSeconds(20)).until(() -> !OutboundLog.to(hub, phone).isEmpty());
        return OutboundLog.to(hub, phone).get(0).path("text").asText();
    }

    public List<LoggedRequest> chatRequests() {
        return llm.findAll(postRequestedFor(urlEqualTo(CHAT)));
    }
}
