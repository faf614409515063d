package io.conciergehub.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.mesh.CommandActions.Action;

/**
 * A command as {@link CommandRequests} accepted it. {@code hash} identifies the request, so that
 * an {@code idempotencyKey} reused for another one can be told apart from a retry.
 */
public record CommandRequest(Action action, JsonNode payload, String idempotencyKey, String hash) {
}
