package io.conciergehub.concierge;

import io.conciergehub.guest.Guest;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the answer to one inbound message and queues it: the reply, the guest's updated state and
 * the outbox row are written in one transaction together with the mark that the message was
 * handled, so a crash never loses or doubles an answer. Between the two steps the
 * {@code concierge} route may ask an LLM for answers the knowledge base lacks.
 */
public final class ConciergeService {

    private static final Logger LOG = LoggerFactory.getLogger(ConciergeService.class);

    /**
     * What the concierge decided about inbound message {@code messageId}; {@code reply} null means
     * stay silent. {@code attention}: why the guest needs staff ({@link #NOT_UNDERSTOOD},
     * {@link #ASKED_FOR_PERSON}), null when not. {@code askLlm}: the knowledge base had no answer
     * and an LLM is configured.
     */
    public record Decision(long messageId, long guestId, String question, String language, String intent,
            String reply, String purpose, Boolean optedOut, String attention, boolean askLlm) {

        /** The same decision with the LLM's answer instead of the knowledge base's polite fallback. */
        public Decision answeredBy(String llmReply) {
            return new Decision(messageId, guestId, question, language, "llm", llmReply, purpose, optedOut, null, false);
        }
    }

    /** The hub could not answer the guest's question. */
    public static final String NOT_UNDERSTOOD = "not_understood";
    /** The guest asked to talk to a person. */
    public static final String ASKED_FOR_PERSON = "asked_for_person";

    private record Inbound(long id, String text, boolean processed, Guest guest) {
    }

    private final Database db;
    private final GuestRepository guests;
    private final KnowledgeBase knowledge;
    private final LanguageGuesser languages;
    private final Outbox outbox;
    private final StaffAlerts alerts;
    private final String defaultLanguage;
    private final boolean llmEnabled;
    private final Clock clock;

    public ConciergeService(Database db, GuestRepository guests, KnowledgeBase knowledge, LanguageGuesser languages,
            Outbox outbox, StaffAlerts alerts, String defaultLanguage, boolean llmEnabled, Clock clock) {
        this.db = db;
        this.guests = guests;
        this.knowledge = knowledge;
        this.languages = languages;
        this.outbox = outbox;
        this.alerts = alerts;
        this.defaultLanguage = defaultLanguage;
        this.llmEnabled = llmEnabled;
        this.clock = clock;
    }

    /** Decides the answer to inbound message {@code messageId}; null if it was already handled. */
    public Decision decide(@Body long messageId) {
        Optional<Inbound> found = db.read(c -> Sql.one(c,
                "SELECT id, body, processed_at, guest_id FROM messages WHERE id = ? AND direction = 'in'",
                row -> new Inbound(row.getLong("id"), guests.open(row.getString("body")), row.getObject("processed_at") != null,
                        guests.findById(c, row.getLong("guest_id")).orElseThrow()), messageId));
        if (found.isEmpty() || found.get().processed()) {
            return null;
        }
        return decide(messageId, found.get().guest(), found.get().text());
    }

    /** Whether the knowledge base had no answer and the LLM is to be asked. */
    public boolean asksLlm(@Body Decision decision) {
        return decision.askLlm();
    }

    /**
     * Writes the decision: the 'handled' mark, the guest's new state and the reply with its outbox
     * row, in one transaction. Returns the outbox id to send, or null.
     */
    public Long commit(@Body Decision decision) {
        long now = clock.millis();
        Long outboxId = db.write(c -> {
            int claimed = Sql.update(c, "UPDATE messages SET processed_at = ?, language = ?, intent = ?, updated_at = ?"
                    + " WHERE id = ? AND processed_at IS NULL", now, decision.language(), decision.intent(), now,
                    decision.messageId());
            if (claimed == 0) {
                return null; // another worker answered it first
            }
            long guestId = decision.guestId();
            guests.setLanguage(c, guestId, decision.language(), now);
            if (decision.optedOut() != null) {
                guests.setOptedOut(c, guestId, decision.optedOut(), now);
            }
            if (decision.attention() != null
                    && guests.markNeedsAttention(c, guestId, decision.attention(), now)) {
                alerts.flagged(c, guestId, decision.messageId(), decision.attention(), now);
            }
            return decision.reply() == null ? null
                    : outbox.enqueue(c, guestId, decision.messageId(), decision.reply(), decision.language(),
                            decision.intent(), decision.purpose(), now);
        });
        LOG.info("event=concierge.decided message={} guest={} language={} intent={} reply={}", decision.messageId(),
                decision.guestId(), decision.language(), decision.intent(), outboxId != null);
        return outboxId;
    }

    Decision decide(long messageId, Guest guest, String text) {
        Optional<String> optOut = knowledge.optOutLanguage(text);
        if (optOut.isPresent()) {
            String language = languageOf(guest, optOut.get());
            return new Decision(messageId, guest.id(), text, language, "opt_out", knowledge.reply("opted_out", language),
                    Outbox.PURPOSE_OPT_OUT, true, null, false);
        }
        Optional<String> optIn = knowledge.optInLanguage(text);
        if (optIn.isPresent() && guest.optedOut()) {
            String language = languageOf(guest, optIn.get());
            return new Decision(messageId, guest.id(), text, language, "opt_in", knowledge.reply("opted_in", language),
                    Outbox.PURPOSE_REPLY, false, null, false);
        }
        Optional<String> detected = languages.detect(knowledge.withoutSharedKeywords(text));
        String language = detected.orElse(guest.language() != null ? guest.language() : defaultLanguage);
        Optional<KnowledgeBase.Match> match = knowledge.detectIntent(text, language);
        if (detected.isEmpty() && guest.language() == null && match.isPresent()) {
            language = match.get().language(); // the keywords tell the language when Lingua cannot
        }
        if (guest.optedOut()) {
            return new Decision(messageId, guest.id(), text, language,
                    match.map(KnowledgeBase.Match::intent).orElse("unknown"), null, null, null, null, false);
        }
        if (match.isEmpty()) {
            return new Decision(messageId, guest.id(), text, language, "unknown", knowledge.reply("unknown", language),
                    Outbox.PURPOSE_REPLY, null, NOT_UNDERSTOOD, llmEnabled);
        }
        String intent = match.get().intent();
        return new Decision(messageId, guest.id(), text, language, intent, knowledge.answer(intent, language),
                Outbox.PURPOSE_REPLY, null, "human".equals(intent) ? ASKED_FOR_PERSON : null, false);
    }

    private static String languageOf(Guest guest, String matchedLanguage) {
        // "stop" is the same word in several languages: keep the guest's language when we know it.
        return guest.language() != null && "en".equals(matchedLanguage) ? guest.language() : matchedLanguage;
    }
}
