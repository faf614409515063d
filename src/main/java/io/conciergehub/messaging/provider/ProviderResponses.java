package io.conciergehub.messaging.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.RemoteAnswers;
import java.io.IOException;
import org.apache.camel.Exchange;

/** A provider's answer to a send, after its circuit breaker: refused, or accepted under the provider's message id. */
public final class ProviderResponses {

    private final RemoteAnswers answers;
    private final ObjectMapper json;

    public ProviderResponses(RemoteAnswers answers, ObjectMapper json) {
        this.answers = answers;
        this.json = json;
    }

    /** Throws on 429 and other 4xx; on 2xx returns the provider's message id (null when it sent none). */
    public String acceptedMessageId(Exchange exchange) {
        answers.failOnClientError(exchange);
        return messageId(exchange.getMessage().getBody(String.class));
    }

    /** Spoki answers {@code id}/{@code uuid}; the Cloud API {@code messages[0].id}. Either may be absent. */
    String messageId(String body) {
        try {
            JsonNode root = json.readTree(body == null ? "{}" : body);
            for (JsonNode candidate : new JsonNode[] {root.path("messages").path(0).path("id"), root.path("uuid"),
                    root.path("id")}) {
                if (!candidate.isMissingNode() && !candidate.isNull()) {
                    return candidate.asText();
                }
            }
        } catch (IOException notJson) {
            // tolerated: the send succeeded, only the id is unknown
        }
        return null;
    }
}
