package io.conciergehub.concierge;

import java.util.List;

/**
 * What the knowledge base read in a guest's message: the intents asked, in order, in the language
 * whose knowledge understood them, and per clause the best candidates with their scores and the
 * keyword or example that gave each its score (what the preview shows a hotel). {@code partly}: a
 * clause of its own (three words or more besides stop words) asked something nothing answered,
 * next to questions that were.
 */
public record Understanding(String language, List<Found> intents, List<Clause> clauses, boolean partly) {

    /** An intent with its score (0 to 1) and the evidence for it. */
    public record Found(String intent, double score, String evidence, boolean smallTalk, boolean quietAfterAnswer) {
    }

    /**
     * A part of the message read on its own (numbered from 1 in the order written; the text is not
     * repeated, an answer never echoes a request), with its best candidates.
     */
    public record Clause(int number, List<Found> candidates) {
    }

    public boolean understood() {
        return !intents.isEmpty();
    }

    public boolean asks(String intent) {
        return intents.stream().anyMatch(found -> found.intent().equals(intent));
    }

    public boolean onlySmallTalk() {
        return understood() && intents.stream().allMatch(Found::smallTalk);
    }

    /** The intents as stored with the message: "wifi,breakfast". */
    public String intentNames() {
        return understood() ? String.join(",", intents.stream().map(Found::intent).toList()) : "unknown";
    }
}
