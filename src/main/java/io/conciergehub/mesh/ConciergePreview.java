package io.conciergehub.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.ApiResponse;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.concierge.ConciergeService;
import io.conciergehub.concierge.KnowledgeBase;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * {@code POST /api/mesh/concierge/preview} {@code {text, language?}}: what the hub would answer a
 * guest who wrote {@code text} (whose language, from a booking, is {@code language}), in which
 * language, and the intents with their scores and evidence, so a hotel can tune its knowledge
 * files. Nothing is stored or sent.
 */
public final class ConciergePreview {

    private static final int MAX_TEXT = 4096;

    private final ConciergeService concierge;
    private final ObjectMapper json;

    public ConciergePreview(ConciergeService concierge, ObjectMapper json) {
        this.concierge = concierge;
        this.json = json;
    }

    public ApiResponse preview(Exchange exchange) throws Exception {
        JsonNode body = Fields.body(exchange, json);
        Fields.onlyKnown(body, "", Set.of("text", "language"));
        String text = Fields.text(body, "text", "text", true, MAX_TEXT);
        String language = Fields.language(body, "language", "language");
        if (language != null && !KnowledgeBase.LANGUAGES.contains(language)) {
            throw HttpProblem.invalidField("language", "must be one of " + String.join(", ", KnowledgeBase.LANGUAGES));
        }
        return ApiResponse.ok(concierge.preview(text, language));
    }
}
