package io.conciergehub.concierge;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.conciergehub.store.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Answers and intent keywords per language, from {@code knowledge/<lang>.yaml} (on the classpath,
 * or in {@code concierge.knowledge-dir} to override them). Answers may name hotel facts such as
 * {@code {wifi_password}}; they are filled from the {@code hotel.*} properties ({@link HotelFacts}),
 * and a placeholder without a value stops the start.
 */
public final class KnowledgeBase {

    public static final List<String> LANGUAGES = List.of("en", "it", "de", "fr", "es");

    /** One language file. */
    public record LanguageFile(String language, List<String> stopWords, List<String> startWords,
            Map<String, Intent> intents, Map<String, String> replies) {
    }

    /**
     * One thing guests ask. {@code smallTalk}: greetings, thanks and the like, which never flag the
     * guest; {@code quietAfterAnswer}: no reply when the hub's last message to the guest was an answer.
     */
    public record Intent(List<String> keywords, List<String> examples, String answer, boolean smallTalk,
            boolean quietAfterAnswer) {
        public Intent {
            keywords = keywords == null ? List.of() : keywords;
            examples = examples == null ? List.of() : examples;
        }
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** A placeholder with the spaces before it on its line, which go with a guest name that is not known. */
    private static final Pattern SPACED_PLACEHOLDER = Pattern.compile("(\\h*)\\{(\\w+)}");
    /**
     * Replies whose key starts so are written to one guest (the journey's, the watchers' notices):
     * they may name the guest's own values too.
     */
    public static final List<String> PER_GUEST_REPLY_PREFIXES = List.of("journey_", "notice_");
    /** The guest's own values a per-guest reply may name, filled per message by {@link #reply(String, String, Map)}. */
    public static final Set<String> GUEST_PLACEHOLDERS = Set.of("guest_name", "arrival", "departure", "flight",
            "new_arrival", "delay_minutes", "alert", "alert_from", "alert_until");
    /** Where one question ends and the next may begin: punctuation, and "and" in the five languages. */
    private static final Pattern CLAUSE_BREAK = Pattern.compile(
            "[?!.;,\\n]+|\\s(?:and|also|e|ed|anche|poi|und|auch|et|aussi|y|tambien|también)\\s",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final Map<String, LanguageFile> files = new LinkedHashMap<>();
    private final Map<String, IntentMatcher> matchers = new LinkedHashMap<>();
    private final Map<String, Set<String>> stopWordsByLanguage = new LinkedHashMap<>();
    private final Map<String, Set<String>> startWordsByLanguage = new LinkedHashMap<>();
    /** A clause with this many words besides stop words says something: small talk next to it is not the message. */
    private static final int QUESTION_WORDS = 3;

    private final Map<String, String> facts;
    private final double threshold;
    /** Keywords used by several languages ("check-in", "wifi", "taxi"): they say nothing about the language. */
    private final Set<String> sharedKeywords;

    /**
     * @param threshold the score (0 to 1) an intent needs to count as understood
     */
    public KnowledgeBase(Path overrideDir, Map<String, String> facts, double threshold) {
        this.facts = facts;
        this.threshold = threshold;
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String language : LANGUAGES) {
            Path own = overrideDir == null ? null : overrideDir.resolve(language + ".yaml");
            boolean hotelsOwn = own != null && Files.exists(own);
            LanguageFile file = load(yaml, hotelsOwn ? own : null, language);
            if (hotelsOwn) {
                file = withBuiltInReplies(file, load(yaml, null, language));
            }
            requireFacts(hotelsOwn ? own.toString() : "knowledge/" + language + ".yaml (built in)", file);
            files.put(language, file);
            matchers.put(language, new IntentMatcher(new TextAnalysis(language, vocabulary(file)), file.intents()));
            stopWordsByLanguage.put(language, normalizedSet(file.stopWords()));
            startWordsByLanguage.put(language, normalizedSet(file.startWords()));
        }
        Map<String, Long> languagesPerKeyword = files.values().stream()
                .flatMap(file -> file.intents().values().stream().flatMap(i -> i.keywords().stream())
                        .map(KnowledgeBase::normalize).distinct())
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        this.sharedKeywords = languagesPerKeyword.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A hotel's own file that lacks a reply the hub writes (the polite {@code unknown}, the
     * {@code opted_out} and {@code opted_in} confirmations, or, written before the guest journey
     * or the notices, their replies) gets the built-in one of its language (checked like the
     * hotel's, since they name hotel facts): a guest's STOP is never left without its confirmation.
     */
    private static LanguageFile withBuiltInReplies(LanguageFile own, LanguageFile builtIn) {
        Map<String, String> replies = new LinkedHashMap<>(own.replies() == null ? Map.of() : own.replies());
        builtIn.replies().forEach(replies::putIfAbsent); // a key written without a text counts as absent
        return new LanguageFile(own.language(), own.stopWords(), own.startWords(), own.intents(), replies);
    }

    /** The words of a file's keywords and examples: what its German compounds are split into. */
    private static Set<String> vocabulary(LanguageFile file) {
        return file.intents().values().stream()
                .flatMap(intent -> java.util.stream.Stream.concat(intent.keywords().stream(), intent.examples().stream()))
                .flatMap(text -> TextAnalysis.words(text).stream()).collect(Collectors.toSet());
    }

    private static Set<String> normalizedSet(List<String> words) {
        return words.stream().map(KnowledgeBase::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The text without the loanwords every language uses, for language detection: "A che ora è il
     * check-in?" reads as English to a detector, "A che ora è il" does not.
     */
    public String withoutSharedKeywords(String text) {
        String[] words = NON_WORD.split(text == null ? "" : text);
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            int skip = 0;
            for (int n = Math.min(3, words.length - i); n >= 1 && skip == 0; n--) {
                String phrase = normalize(String.join(" ", Arrays.copyOfRange(words, i, i + n)));
                if (sharedKeywords.contains(phrase)) {
                    skip = n;
                }
            }
            if (skip > 0) {
                i += skip - 1;
            } else if (!words[i].isEmpty()) {
                kept.append(kept.isEmpty() ? "" : " ").append(words[i]);
            }
        }
        return kept.toString();
    }

    /** The hotel's own file when there is one ({@code own}), else the built-in one. */
    private static LanguageFile load(ObjectMapper yaml, Path own, String language) {
        String name = language + ".yaml";
        try {
            if (own != null) {
                return ownFile(yaml, own);
            }
            try (InputStream in = KnowledgeBase.class.getResourceAsStream("/knowledge/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("knowledge/" + name + " is missing from the classpath");
                }
                return yaml.readValue(in, LanguageFile.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read knowledge file " + name, e);
        }
    }

    /**
     * The hotel's own file, or a configuration error naming it and where it is wrong: never a
     * line of its content (the answers hold the Wi-Fi password).
     */
    private static LanguageFile ownFile(ObjectMapper yaml, Path own) {
        LanguageFile file;
        try {
            file = yaml.readValue(own.toFile(), LanguageFile.class);
        } catch (JsonProcessingException wrong) {
            JsonLocation at = wrong.getLocation();
            throw new ConfigurationException("knowledge file " + own + (notYaml(wrong) ? " is not valid YAML"
                    : " is not a knowledge file (language, stopWords, startWords, intents, replies)")
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + "; correct it, or remove it for the bundled answers");
        } catch (IOException unreadable) {
            throw new ConfigurationException("knowledge file " + own + " cannot be read by the hub");
        }
        List<String> missing = new ArrayList<>();
        if (file == null || file.stopWords() == null) {
            missing.add("stopWords"); // the guests' opt-out words
        }
        if (file == null || file.startWords() == null) {
            missing.add("startWords");
        }
        if (file == null || file.intents() == null || file.intents().isEmpty()) {
            missing.add("intents");
        } else {
            file.intents().forEach((intent, entry) -> {
                if (entry == null || entry.answer() == null || entry.answer().isBlank()) {
                    missing.add("an answer for intent " + intent);
                }
            });
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("knowledge file " + own + " has no " + String.join(", ", missing)
                    + "; correct it, or remove it for the bundled answers");
        }
        return file;
    }

    /** A syntax error, which databinding may wrap in a mapping error. */
    private static boolean notYaml(Throwable wrong) {
        for (Throwable cause = wrong; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException) {
                return true;
            }
        }
        return false;
    }

    /** Every placeholder of the file's answers and replies has a fact: a guest never gets one unfilled. */
    private void requireFacts(String source, LanguageFile file) {
        file.intents().forEach((intent, entry) -> requireFacts(source, "intent " + intent, entry.answer()));
        file.replies().forEach((reply, text) -> requireFacts(source, "reply " + reply, text,
                PER_GUEST_REPLY_PREFIXES.stream().anyMatch(reply::startsWith)));
    }

    private void requireFacts(String source, String where, String text) {
        requireFacts(source, where, text, false);
    }

    private void requireFacts(String source, String where, String text, boolean guestValues) {
        Matcher placeholders = PLACEHOLDER.matcher(text == null ? "" : text);
        while (placeholders.find()) {
            if (guestValues && GUEST_PLACEHOLDERS.contains(placeholders.group(1))) {
                continue;
            }
            if (!facts.containsKey(placeholders.group(1))) {
                throw new ConfigurationException("knowledge file " + source + ", " + where + ": placeholder {"
                        + placeholders.group(1) + "} has no value; set " + HotelFacts.settingOf(placeholders.group(1)));
            }
        }
    }

    /**
     * What the guest asks: the text is cut into clauses (sentences, and parts joined by "and", "e",
     * "und", "et", "y"…), each clause's best intent above the threshold counts, in the order asked.
     * The language {@code preferred} is tried first, then the others; small talk counts only when
     * the message is nothing else.
     */
    public Understanding understand(String text, String preferred) {
        List<String> clauses = clauses(text);
        Understanding first = null;
        for (String language : languagesFrom(preferred)) {
            Understanding understanding = understandIn(language, clauses, text, first != null);
            if (understanding.understood()) {
                return understanding;
            }
            first = first == null ? understanding : first;
        }
        return first;
    }

    /** Per language, how much of the text its stop words and knowledge know (0 to 1). */
    public Map<String, Double> familiarity(String text) {
        Map<String, Double> familiarity = new LinkedHashMap<>();
        matchers.forEach((language, matcher) -> familiarity.put(language, matcher.familiarity(text)));
        return familiarity;
    }

    private List<String> languagesFrom(String preferred) {
        List<String> order = new ArrayList<>(LANGUAGES);
        if (order.remove(preferred)) {
            order.add(0, preferred);
        }
        return order;
    }

    /**
     * Each clause's best question and its small talk. When several clauses ask something, those
     * asked by a keyword count and a clause that only resembles an example ("…und ab wann?", "We
     * arrive at 9, can we leave our bags before check-in?") is read as part of its neighbour.
     */
    private Understanding understandIn(String language, List<String> clauses, String text, boolean keywordsOnly) {
        List<Understanding.Clause> read = new ArrayList<>();
        List<IntentMatcher.Scored> counted = new ArrayList<>();
        boolean unanswered = false; // a clause that says something of its own, and nothing answered it
        boolean unansweredQuestion = false; // the same, asked with a question mark
        for (String clause : clauses) {
            int before = counted.size();
            read.add(readClause(language, read.size() + 1, clause, keywordsOnly, counted));
            if (counted.size() == before && matchers.get(language).contentWords(clause) >= QUESTION_WORDS) {
                unanswered = true;
                unansweredQuestion |= askedWithQuestionMark(text, clause);
            }
        }
        if (counted.isEmpty() && clauses.size() > 1) {
            // a question cut in the wrong place
            read.add(readClause(language, read.size() + 1, text, keywordsOnly, counted));
        }
        Map<String, Intent> intents = files.get(language).intents();
        List<IntentMatcher.Scored> questions = counted.stream().filter(c -> !intents.get(c.intent()).smallTalk()).toList();
        if (questions.isEmpty() && unanswered) {
            counted = List.of(); // "I need help with the massage, thanks": the thanks is not the message
        } else if (!questions.isEmpty()) {
            counted = questions.size() > 1 && questions.stream().anyMatch(IntentMatcher.Scored::keyword)
                    ? questions.stream().filter(IntentMatcher.Scored::keyword).toList() : questions;
        }
        List<Understanding.Found> found = new ArrayList<>();
        for (IntentMatcher.Scored candidate : counted) {
            if (found.stream().noneMatch(f -> f.intent().equals(candidate.intent()))) {
                found.add(found(intents, candidate));
            }
        }
        return new Understanding(language, List.copyOf(found), read, !questions.isEmpty() && unansweredQuestion);
    }

    /**
     * Adds to {@code counted}, in the order written, the clause's best question above the threshold
     * and its small talk (said with a keyword, or the best the clause has).
     */
    private Understanding.Clause readClause(String language, int number, String clause, boolean keywordsOnly,
            List<IntentMatcher.Scored> counted) {
        Map<String, Intent> intents = files.get(language).intents();
        List<IntentMatcher.Scored> scored = matchers.get(language).score(clause, keywordsOnly);
        List<IntentMatcher.Scored> inClause = new ArrayList<>();
        boolean question = false;
        // A question asked with a keyword before one that only resembles an example.
        List<IntentMatcher.Scored> ranked = scored.stream().filter(c -> c.score() >= threshold)
                .sorted(java.util.Comparator.comparing(IntentMatcher.Scored::keyword).reversed()).toList();
        for (IntentMatcher.Scored candidate : ranked) {
            boolean smallTalk = intents.get(candidate.intent()).smallTalk();
            if (smallTalk ? candidate.keyword() || candidate == scored.get(0) : !question) {
                inClause.add(candidate);
                question |= !smallTalk;
            }
        }
        inClause.sort(java.util.Comparator.comparingInt(IntentMatcher.Scored::position));
        counted.addAll(inClause);
        return new Understanding.Clause(number, scored.stream().limit(3).map(c -> found(intents, c)).toList());
    }

    private static Understanding.Found found(Map<String, Intent> intents, IntentMatcher.Scored scored) {
        Intent intent = intents.get(scored.intent());
        return new Understanding.Found(scored.intent(), Math.round(scored.score() * 1000) / 1000.0, scored.evidence(),
                intent.smallTalk(), intent.quietAfterAnswer());
    }

    /** "…, can I bring my dog?": a question; "…, our flight is at 9pm": context for the question next to it. */
    private static boolean askedWithQuestionMark(String text, String clause) {
        int at = text.indexOf(clause);
        return at >= 0 && text.substring(at + clause.length()).stripLeading().startsWith("?");
    }

    private static List<String> clauses(String text) {
        List<String> clauses = new ArrayList<>();
        for (String clause : CLAUSE_BREAK.split(text == null ? "" : text)) {
            if (!clause.isBlank()) {
                clauses.add(clause.strip());
            }
        }
        return clauses.isEmpty() ? List.of("") : clauses;
    }

    /**
     * The languages whose opt-out word the whole message is ("STOP": every language's, "basta":
     * Italian's); empty when it is none.
     */
    public List<String> optOutLanguages(String text) {
        return wholeMessageIn(text, stopWordsByLanguage);
    }

    /** The languages whose opt-in word the whole message is ("START": every language's); empty when it is none. */
    public List<String> optInLanguages(String text) {
        return wholeMessageIn(text, startWordsByLanguage);
    }

    private static List<String> wholeMessageIn(String text, Map<String, Set<String>> wordsByLanguage) {
        String normalized = normalize(text);
        return wordsByLanguage.entrySet().stream().filter(e -> e.getValue().contains(normalized))
                .map(Map.Entry::getKey).toList();
    }

    /** The intent's answer in the language, or in the first language that has it (a hotel's file may lack one). */
    public String answer(String intent, String language) {
        return answerIfAny(intent, language).orElseThrow();
    }

    /** {@link #answer}, or empty when no language's file has the intent (a hotel's own files). */
    public Optional<String> answerIfAny(String intent, String language) {
        Intent own = file(language).intents().get(intent);
        return (own != null ? Optional.of(own) : files.values().stream().map(f -> f.intents().get(intent))
                .filter(java.util.Objects::nonNull).findFirst()).map(found -> fill(found.answer()));
    }

    public String reply(String key, String language) {
        return fill(file(language).replies().get(key));
    }

    /**
     * A per-guest reply (the journey's, a notice) in the language (or English when the hotel's file lacks it), its guest
     * placeholders ({@link #GUEST_PLACEHOLDERS}) filled from {@code guestValues} (a missing value
     * reads as empty), then the hotel's facts. A guest name that is not known goes with the spaces
     * before it: "Hello {guest_name}, thank you" reads "Hello, thank you".
     */
    public String reply(String key, String language, Map<String, String> guestValues) {
        String text = file(replyLanguage(key, language)).replies().get(key);
        if (text == null) {
            throw new IllegalArgumentException("no reply " + key);
        }
        // One pass: a guest's value is never read as a placeholder itself.
        return SPACED_PLACEHOLDER.matcher(text).replaceAll(placeholder -> {
            String name = placeholder.group(2);
            String value = GUEST_PLACEHOLDERS.contains(name) ? guestValues.getOrDefault(name, "") : facts.get(name);
            return "guest_name".equals(name) && value.isBlank() ? ""
                    : Matcher.quoteReplacement(placeholder.group(1) + value);
        }).strip();
    }

    /**
     * The language {@link #reply(String, String, Map)} writes this reply in: the guest's, or English
     * when the hotel has no text for it in theirs. What goes into the text (a date) follows it.
     */
    public String replyLanguage(String key, String language) {
        return files.containsKey(language) && files.get(language).replies().containsKey(key) ? language : "en";
    }

    /** Every answer in this language, one per line: the facts an LLM may use. */
    public String facts(String language) {
        StringBuilder facts = new StringBuilder();
        file(language).intents().forEach((intent, entry) ->
                facts.append("- ").append(intent).append(": ").append(fill(entry.answer())).append('\n'));
        return facts.toString();
    }

    private LanguageFile file(String language) {
        return files.getOrDefault(language, files.get("en"));
    }

    /** Every placeholder has a fact: the constructor checked. */
    private String fill(String template) {
        return PLACEHOLDER.matcher(template).replaceAll(placeholder -> Matcher.quoteReplacement(
                facts.get(placeholder.group(1)))).strip();
    }

    /** Lower case, no accents, letters and digits separated by single spaces. */
    static String normalize(String text) {
        String decomposed = MARKS.matcher(Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD))
                .replaceAll("").toLowerCase(Locale.ROOT);
        return NON_WORD.matcher(decomposed.replace("ß", "ss")).replaceAll(" ").strip();
    }
}
