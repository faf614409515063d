package io.conciergehub.concierge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.concierge.ConciergeService.Decision;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Request and answer of an OpenAI-compatible {@code POST /chat/completions}, for guest questions the
 * knowledge base cannot answer. The model sees the hotel's own answers as its only facts.
 */
public final class LlmAnswers {

    /**
     * What the model answers when the facts do not answer the guest: the guest then gets the
     * knowledge base's "staff will answer" and is flagged, as without a model. A model told to say
     * "staff will reply" itself would promise a reply no one is told to give.
     */
    static final String HANDOFF = "HANDOFF";

    private final KnowledgeBase knowledge;
    private final String model;
    private final String hotelName;
    private final ObjectMapper json;

    public LlmAnswers(KnowledgeBase knowledge, String model, String hotelName, ObjectMapper json) {
        this.knowledge = knowledge;
        this.model = model;
        this.hotelName = hotelName;
        this.json = json;
    }

    public Map<String, Object> build(@ExchangeProperty("decision") Decision decision) {
        String language = Locale.forLanguageTag(decision.language()).getDisplayLanguage(Locale.ENGLISH);
        String instructions = "You are the concierge of " + hotelName + ". Answer the guest's WhatsApp message in "
                + language + ", in at most three short sentences, using only the facts below. If they do not answer "
                + "the question, or the guest asks for something staff must do, answer only the word " + HANDOFF
                + ". Never invent prices, times or names.\n\n"
                + "Facts:\n" + knowledge.facts(decision.language());
        return Map.of("model", model, "temperature", 0.2, "max_tokens", 300, "messages", List.of(
                Map.of("role", "system", "content", instructions),
                Map.of("role", "user", "content", decision.question() == null ? "" : decision.question())));
    }

    /**
     * The decision with the model's answer; unchanged (the polite "staff will answer", the guest
     * flagged) when the model hands the question to staff or returned nothing usable.
     */
    public Decision answer(@ExchangeProperty("decision") Decision decision, @Body String response) throws IOException {
        JsonNode content = json.readTree(response == null ? "{}" : response)
                .path("choices").path(0).path("message").path("content");
        String text = content.isTextual() ? content.asText().strip() : "";
        return text.isEmpty() || text.toUpperCase(Locale.ROOT).contains(HANDOFF) ? decision : decision.answeredBy(text);
    }
}
