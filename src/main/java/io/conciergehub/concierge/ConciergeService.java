package io.conciergehub.concierge;

import io.conciergehub.guest.Guest;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
     * to a message with text, and an LLM is configured.
     */
    public record Decision(long messageId, long guestId, String question, String language, String guestLanguage,
            String intent, String reply, String purpose, Boolean optedOut, String attention, boolean askLlm) {

        /** The same decision with the LLM's answer instead of the knowledge base's polite fallback. */
        public Decision answeredBy(String llmReply) {
            return new Decision(messageId, guestId, question, language, guestLanguage, "llm", llmReply, purpose,
                    optedOut, null, false);
        }
    }

    /**
     * The language to answer in, and the one to remember as the guest's (null: keep what is known).
     * {@code settled}: the guest's known language or a confident detection, which the knowledge
     * base's matches do not overrule.
     */
    private record LanguageChoice(String language, String remember, boolean settled) {
    }

    /** The hub could not answer the guest's question. */
    public static final String NOT_UNDERSTOOD = "not_understood";
    /** The guest asked to talk to a person. */
    public static final String ASKED_FOR_PERSON = "asked_for_person";
    /**
     * The guest wrote while a staff member holds the conversation: staff are alerted only if that
     * person has not answered within concierge.quiet-while-staff-answer (a reply clears the flag).
     */
    public static final String WAITING_FOR_STAFF = "waiting_for_staff";
    /** The knowledge base's intent of "Ok", "Great!": small talk, quiet after an answer. */
    private static final String ACKNOWLEDGEMENT = "acknowledgement";
    /** Emoji that thank or agree: {@link #acknowledgingEmoji}. */
    private static final Set<Integer> ACKNOWLEDGING_EMOJI = "👍👌🙏❤♥😊🙂☺😀😃😄😁😉😍🥰😘🤗👏✅✔💯🎉🥳👋🤝😎⭐🌟💕💖💗💙💚💛🧡💜🤍"
            .codePoints().boxed().collect(Collectors.toUnmodifiableSet());
    /** What may stand beside them: "!", ".", the emoji presentation selector, the joiner. */
    private static final String EMOJI_DECORATION = "!.\uFE0F\u200D";
    private static final int SKIN_TONES_FROM = 0x1F3FB;
    private static final int SKIN_TONES_TO = 0x1F3FF;

    /** @param staffSince when a staff member holding the conversation last took it or replied; null: nobody holds it */
    private record Inbound(long id, String text, boolean processed, Guest guest, boolean afterAnswer, Long staffSince) {
    }

    private final Database db;
    private final GuestRepository guests;
    private final KnowledgeBase knowledge;
    private final LanguageGuesser languages;
    private final Outbox outbox;
    private final StaffAlerts alerts;
    private final String defaultLanguage;
    private final boolean llmEnabled;
    private final long quietWhileStaffAnswer;
    private final Clock clock;

    public ConciergeService(Database db, GuestRepository guests, KnowledgeBase knowledge, LanguageGuesser languages,
            Outbox outbox, StaffAlerts alerts, String defaultLanguage, boolean llmEnabled, long quietWhileStaffAnswer,
            Clock clock) {
        this.db = db;
        this.guests = guests;
        this.knowledge = knowledge;
        this.languages = languages;
        this.outbox = outbox;
        this.alerts = alerts;
        this.defaultLanguage = defaultLanguage;
        this.llmEnabled = llmEnabled;
        this.quietWhileStaffAnswer = quietWhileStaffAnswer;
        this.clock = clock;
    }

    /** Decides the answer to inbound message {@code messageId}; null if it was already handled. */
    public Decision decide(@Body long messageId) {
        Optional<Inbound> found = db.read(c -> Sql.one(c,
                "SELECT id, body, processed_at, guest_id, (SELECT direction FROM messages previous"
                        + " WHERE previous.guest_id = m.guest_id AND previous.id < m.id ORDER BY previous.id DESC LIMIT 1)"
                        + " AS previous_direction, (SELECT MAX(g.taken_at, COALESCE((SELECT MAX(staff.created_at)"
                        + " FROM messages staff WHERE staff.guest_id = g.id AND staff.direction = 'out'"
                        + " AND staff.sent_by IS NOT NULL), 0)) FROM guests g WHERE g.id = m.guest_id"
                        + " AND g.taken_by IS NOT NULL) AS staff_since FROM messages m WHERE id = ? AND direction = 'in'",
                row -> new Inbound(row.getLong("id"), guests.open(row.getString("body")), row.getObject("processed_at") != null,
                        guests.findById(c, row.getLong("guest_id")).orElseThrow(),
                        "out".equals(row.getString("previous_direction")), Sql.nullableLong(row, "staff_since")),
                messageId));
        if (found.isEmpty() || found.get().processed()) {
            return null;
        }
        Inbound inbound = found.get();
        boolean staffAnswering = inbound.staffSince() != null
                && inbound.staffSince() >= clock.millis() - quietWhileStaffAnswer;
        return decide(messageId, inbound.guest(), inbound.text(), inbound.afterAnswer(), staffAnswering);
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
            if (decision.guestLanguage() != null) {
                guests.setLanguage(c, guestId, decision.guestLanguage(), now);
            }
            if (decision.optedOut() != null) {
                guests.setOptedOut(c, guestId, decision.optedOut(), now);
            }
            if (decision.attention() != null
                    && guests.markNeedsAttention(c, guestId, decision.attention(), now)) {
                alerts.flagged(c, guestId, decision.messageId(), decision.attention(), now,
                        WAITING_FOR_STAFF.equals(decision.attention()) ? now + quietWhileStaffAnswer : now);
            }
            return decision.reply() == null ? null
                    : outbox.enqueue(c, guestId, decision.messageId(), decision.reply(), decision.language(),
                            decision.intent(), decision.purpose(), now);
        });
        LOG.info("event=concierge.decided message={} guest={} language={} intent={} reply={}", decision.messageId(),
                decision.guestId(), decision.language(), decision.intent(), outboxId != null);
        return outboxId;
    }

    /**
     * @param afterAnswer the hub's last message to the guest was an answer: a "thanks" needs none
     * @param staffAnswering a staff member holds the conversation and answered lately: only STOP
     *        and START are answered, and the guest waits for that person (flagged, alerted only if
     *        no one answers within the quiet time)
     */
    Decision decide(long messageId, Guest guest, String text, boolean afterAnswer, boolean staffAnswering) {
        List<String> optOut = knowledge.optOutLanguages(text);
        if (!optOut.isEmpty()) {
            LanguageChoice language = languageOf(guest, optOut);
            if (guest.optedOut()) {
                // One confirmation per opt-out: a repeated STOP is read, and answered with nothing.
                return new Decision(messageId, guest.id(), text, language.language(), language.remember(), "opt_out",
                        null, null, true, null, false);
            }
            return new Decision(messageId, guest.id(), text, language.language(), language.remember(), "opt_out",
                    knowledge.reply("opted_out", language.language()), Outbox.PURPOSE_OPT_OUT, true, null, false);
        }
        List<String> optIn = knowledge.optInLanguages(text);
        if (!optIn.isEmpty() && guest.optedOut()) {
            LanguageChoice language = languageOf(guest, optIn);
            return new Decision(messageId, guest.id(), text, language.language(), language.remember(), "opt_in",
                    knowledge.reply("opted_in", language.language()), Outbox.PURPOSE_REPLY, false, null, false);
        }
        if (acknowledgingEmoji(text)) {
            // "👍", "🙏 ❤️": an acknowledgement in every language, never a question for staff.
            String language = guest.languageOr(defaultLanguage);
            String reply = afterAnswer || guest.optedOut() || staffAnswering ? null
                    : knowledge.answerIfAny(ACKNOWLEDGEMENT, language).orElse(null);
            return new Decision(messageId, guest.id(), text, language, null, ACKNOWLEDGEMENT, reply,
                    reply == null ? null : Outbox.PURPOSE_REPLY, null, null, false);
        }
        Reading reading = read(guest.language(), text);
        LanguageChoice choice = reading.choice();
        Understanding understanding = reading.understanding();
        String language = reading.language();
        String intents = understanding.intentNames();
        if (staffAnswering) {
            return new Decision(messageId, guest.id(), text, language, choice.remember(), intents, null, null, null,
                    WAITING_FOR_STAFF, false);
        }
        if (guest.optedOut()) {
            // No answer to a guest who opted out, but what needs staff still reaches them.
            String attention = understanding.understood() ? attention(understanding) : NOT_UNDERSTOOD;
            return new Decision(messageId, guest.id(), text, language, choice.remember(), intents, null, null, null,
                    attention, false);
        }
        if (!understanding.understood()) {
            // A message without text (a photo, a voice note, a location) is no question for the model: staff see it.
            return new Decision(messageId, guest.id(), text, language, choice.remember(), intents,
                    knowledge.reply("unknown", language), Outbox.PURPOSE_REPLY, null, NOT_UNDERSTOOD,
                    llmEnabled && !text.isBlank());
        }
        return new Decision(messageId, guest.id(), text, language, choice.remember(), intents,
                reply(understanding, language, afterAnswer), Outbox.PURPOSE_REPLY, null, attention(understanding), false);
    }

    /**
     * What the hub would answer to {@code text} from a guest whose language is {@code language}
     * (null: unknown), and why; nothing is stored.
     */
    public Map<String, Object> preview(String text, String language) {
        Reading reading = read(language, text);
        Understanding understanding = reading.understanding();
        String answerLanguage = reading.language();
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("language", answerLanguage);
        preview.put("understoodIn", understanding.language());
        preview.put("intents", understanding.intents());
        preview.put("clauses", understanding.clauses());
        preview.put("reply", understanding.understood() ? reply(understanding, answerLanguage, false)
                : knowledge.reply("unknown", answerLanguage));
        preview.put("needsAttention", !understanding.understood() || attention(understanding) != null);
        return preview;
    }

    /** The language settled, the message understood, and the language to answer in. */
    private record Reading(LanguageChoice choice, Understanding understanding, String language) {
    }

    /** What a guest whose language is {@code known} (null: unknown) asks, and in which language to answer. */
    private Reading read(String known, String text) {
        LanguageChoice choice = chooseLanguage(known, text);
        Understanding understanding = knowledge.understand(text, choice.language());
        // Words alone ("Parking?") tell a new guest's language when the detector cannot.
        String language = choice.settled() || !understanding.understood() ? choice.language() : understanding.language();
        return new Reading(choice, understanding, language);
    }

    /**
     * A guest's language is the guest's: re-detected only on a sentence the detector is sure of
     * (a guest who clearly switches is answered in the new language), never on "Ok" or "Wifi?".
     * A new guest's language is remembered from the first message the detector is sure of.
     */
    private LanguageChoice chooseLanguage(String known, String text) {
        String words = knowledge.withoutSharedKeywords(text);
        if (known != null) {
            if (LanguageGuesser.words(words) < LanguageGuesser.SWITCH_WORDS) {
                return new LanguageChoice(known, null, true); // too short to change anything: not even detected
            }
            Optional<LanguageGuesser.Guess> guess = languages.guess(words).filter(g -> g.clearSwitchFrom(known));
            if (guess.isPresent()) {
                Map<String, Double> familiarity = knowledge.familiarity(text);
                // A language the knowledge lacks (a booking may say "pt", Lingua may read Dutch) knows nothing of the text.
                if (familiarity.getOrDefault(guess.get().language(), 0.0) >= familiarity.getOrDefault(known, 0.0)) {
                    return new LanguageChoice(guess.get().language(), guess.get().language(), true);
                }
            }
            return new LanguageChoice(known, null, true);
        }
        // A new guest: what Lingua reads and how much of the text each language's words know, each 0 to 1.
        Optional<LanguageGuesser.Guess> guess = languages.guess(words);
        // A language the knowledge lacks (Dutch) is the guest's only on a sentence Lingua is sure of:
        // answered in English, rather than taken for its neighbour (German).
        Optional<String> lacked = guess.filter(g -> !KnowledgeBase.LANGUAGES.contains(g.language()))
                .filter(LanguageGuesser.Guess::sureSentence).map(LanguageGuesser.Guess::language);
        if (lacked.isPresent()) {
            return new LanguageChoice(lacked.get(), lacked.get(), true);
        }
        Map<String, Double> familiarity = knowledge.familiarity(text);
        String best = defaultLanguage;
        double bestScore = -1;
        for (String language : KnowledgeBase.LANGUAGES) {
            double score = familiarity.getOrDefault(language, 0.0)
                    + guess.map(g -> g.relative().getOrDefault(language, 0.0)).orElse(0.0);
            if (score > bestScore || score == bestScore && language.equals(defaultLanguage)) {
                best = language;
                bestScore = score;
            }
        }
        boolean sure = guess.isPresent() && guess.get().confident() && guess.get().language().equals(best);
        return new LanguageChoice(best, sure ? best : null, sure);
    }

    /** Why staff are needed for an understood message: asked for a person, or part of it nothing answered. */
    private static String attention(Understanding understanding) {
        return understanding.asks("human") ? ASKED_FOR_PERSON : understanding.partly() ? NOT_UNDERSTOOD : null;
    }

    /**
     * The answers to every question asked, in order, in one message, and the polite "staff will
     * answer" for a part nothing answered; small talk alone gets its short reply.
     */
    private String reply(Understanding understanding, String language, boolean afterAnswer) {
        if (understanding.onlySmallTalk()) {
            Understanding.Found last = understanding.intents().get(understanding.intents().size() - 1);
            return last.quietAfterAnswer() && afterAnswer ? null : knowledge.answer(last.intent(), language);
        }
        List<String> answers = new ArrayList<>(understanding.intents().stream()
                .map(found -> knowledge.answer(found.intent(), language)).toList());
        if (understanding.partly() && !understanding.asks("human")) {
            answers.add(knowledge.reply("unknown", language));
        }
        return String.join("\n\n", answers);
    }

    /**
     * Emoji that thank or agree, alone or with "!" and "." ("👍🏽", "🙏 ❤️"). Any other ("😡", "🆘",
     * "❓") or "??" is read as a message like any other: not understood, it reaches staff.
     */
    private static boolean acknowledgingEmoji(String text) {
        boolean acknowledges = false;
        for (int codePoint : text.codePoints().toArray()) {
            if (ACKNOWLEDGING_EMOJI.contains(codePoint)) {
                acknowledges = true;
            } else if (!Character.isWhitespace(codePoint) && EMOJI_DECORATION.indexOf(codePoint) < 0
                    && !(codePoint >= SKIN_TONES_FROM && codePoint <= SKIN_TONES_TO)) {
                return false;
            }
        }
        return acknowledges;
    }

    /**
     * The language of a STOP or START: the guest's when known; else the word's when one language
     * alone has it ("basta", "stopp"), which becomes the guest's; else ("stop" and "start" are
     * words of every language) the hotel's default, and the guest's stays unknown.
     */
    private LanguageChoice languageOf(Guest guest, List<String> wordLanguages) {
        if (guest.language() != null) {
            return new LanguageChoice(guest.language(), null, true);
        }
        return wordLanguages.size() == 1 ? new LanguageChoice(wordLanguages.get(0), wordLanguages.get(0), true)
                : new LanguageChoice(defaultLanguage, null, false);
    }
}
