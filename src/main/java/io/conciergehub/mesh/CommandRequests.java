package io.conciergehub.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.api.Fields;
import io.conciergehub.api.HttpProblem;
import io.conciergehub.mesh.CommandActions.Action;
import io.conciergehub.store.Digests;
import java.util.List;
import java.util.Set;

/**
 * The shape of an incoming command or batch: a checked {@link CommandRequest}, or a 400
 * {@link HttpProblem} naming the field at fault ({@code commands[2].payload.phone}).
 */
public final class CommandRequests {

    static final int MAX_BATCH = 100;
    private static final Set<String> GUEST_UPDATES = Set.of("status", "language", "flightNumber", "name", "email",
            "optedOut", "needsAttention");

    private final ObjectMapper json;
    private final boolean numericTemplates;
    private final String region;

    /**
     * @param numericTemplates templates are named by Spoki's numeric ids (the provider is Spoki)
     * @param region the hotel's region (concierge.default-region): national phone numbers are read as its numbers
     */
    public CommandRequests(ObjectMapper json, boolean numericTemplates, String region) {
        this.json = json;
        this.numericTemplates = numericTemplates;
        this.region = region;
    }

    /** A single command: the whole body. */
    public CommandRequest command(JsonNode body) {
        return check(body, "");
    }

    /** A batch's commands, each to be checked on its own with {@link #item}. */
    public JsonNode batch(JsonNode body) {
        Fields.onlyKnown(body, "", Set.of("commands"));
        JsonNode items = body.get("commands");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw HttpProblem.invalidField("commands", "must be a non-empty array");
        }
        if (items.size() > MAX_BATCH) {
            throw HttpProblem.invalidField("commands", "holds more than " + MAX_BATCH + " commands");
        }
        return items;
    }

    /** The command at {@code index} of a batch's {@code items}. */
    public CommandRequest item(JsonNode items, int index) {
        if (!items.get(index).isObject()) {
            throw HttpProblem.invalidField("commands[" + index + "]", "must be an object");
        }
        return check(items.get(index), "commands[" + index + "].");
    }

    private CommandRequest check(JsonNode node, String prefix) {
        Fields.onlyKnown(node, prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
                Set.of("action", "payload", "idempotencyKey"));
        String actionName = Fields.text(node, "action", prefix + "action", true, 40);
        Action action;
        try {
            action = Action.valueOf(actionName);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.invalidField(prefix + "action", "must be one of " + List.of(Action.values()));
        }
        JsonNode payload = Fields.object(node, "payload", prefix + "payload", action.requiresPayload());
        if (payload == null) {
            payload = json.createObjectNode();
        }
        String path = prefix + "payload";
        switch (action) {
            case SEND_MESSAGE -> checkMessage(payload, path);
            case SEND_BATCH_MESSAGES -> checkMessages(payload, path);
            case UPDATE_GUEST -> checkGuestUpdate(payload, path);
            case RESOLVE_GUEST -> {
                Fields.onlyKnown(payload, path, Set.of("guestId", "phone"));
                checkGuestNamed(payload, path);
            }
            default -> { }
        }
        String idempotencyKey = Fields.token(node, "idempotencyKey", prefix + "idempotencyKey", false);
        return new CommandRequest(action, payload, idempotencyKey, Digests.sha256Hex(action + "\n" + payload));
    }

    private void checkMessages(JsonNode payload, String path) {
        Fields.onlyKnown(payload, path, Set.of("messages"));
        JsonNode messages = payload.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw HttpProblem.invalidField(path + ".messages", "must be a non-empty array");
        }
        if (messages.size() > MAX_BATCH) {
            throw HttpProblem.invalidField(path + ".messages", "holds more than " + MAX_BATCH + " messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).isObject()) {
                throw HttpProblem.invalidField(path + ".messages[" + i + "]", "must be an object");
            }
            checkMessage(messages.get(i), path + ".messages[" + i + "]");
        }
    }

    private void checkMessage(JsonNode message, String path) {
        Fields.onlyKnown(message, path, Set.of("phone", "message", "template", "language", "customFields"));
        Fields.phone(message, "phone", path + ".phone", true, region);
        String text = Fields.text(message, "message", path + ".message", false, 4096);
        String template = Fields.token(message, "template", path + ".template", false);
        if ((text == null) == (template == null)) {
            throw HttpProblem.invalidField(path + ".message", "give either a message or a template");
        }
        if (template != null && numericTemplates && !Fields.SPOKI_TEMPLATE_ID.matcher(template).matches()) {
            throw HttpProblem.invalidField(path + ".template", "must be Spoki's numeric template id");
        }
        Fields.language(message, "language", path + ".language");
        Fields.stringMap(message, "customFields", path + ".customFields", 50);
    }

    private void checkGuestUpdate(JsonNode payload, String path) {
        Fields.onlyKnown(payload, path, Set.of("guestId", "phone", "updates"));
        checkGuestNamed(payload, path);
        JsonNode updates = Fields.object(payload, "updates", path + ".updates", true);
        if (updates.isEmpty()) {
            throw HttpProblem.invalidField(path + ".updates", "names no field to update");
        }
        Fields.onlyKnown(updates, path + ".updates", GUEST_UPDATES);
        String updatesPath = path + ".updates";
        Fields.status(updates, "status", updatesPath + ".status", null);
        Fields.language(updates, "language", updatesPath + ".language");
        Fields.flightNumber(updates, "flightNumber", updatesPath + ".flightNumber");
        Fields.text(updates, "name", updatesPath + ".name", false, 200);
        Fields.email(updates, "email", updatesPath + ".email");
        Fields.bool(updates, "optedOut", updatesPath + ".optedOut");
        // Only the concierge flags a guest (with its reason); staff clear the flag.
        if (Boolean.TRUE.equals(Fields.bool(updates, "needsAttention", updatesPath + ".needsAttention"))) {
            throw HttpProblem.invalidField(updatesPath + ".needsAttention", "can only be false (staff took over)");
        }
    }

    private void checkGuestNamed(JsonNode payload, String path) {
        Integer guestId = Fields.integer(payload, "guestId", path + ".guestId", 1, Integer.MAX_VALUE);
        String phone = Fields.phone(payload, "phone", path + ".phone", false, region);
        if ((guestId == null) == (phone == null)) {
            throw HttpProblem.invalidField(path + ".guestId", "give either a guestId or a phone");
        }
    }

}
