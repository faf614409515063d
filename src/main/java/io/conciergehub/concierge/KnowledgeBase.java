package io.conciergehub.concierge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.conciergehub.store.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
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

    public record Intent(List<String> keywords, String answer) {
    }

    /** An intent found in a text, with the language whose keywords matched. */
    public record Match(String intent, String language, int score) {
    }

    /** An intent's keywords as they are compared: normalized once, at load. */
    private record Keywords(String intent, List<Keyword> keywords) {
    }

    private record Keyword(String normalized, boolean prefix, int weight) {
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private final Map<String, LanguageFile> files = new LinkedHashMap<>();
    private final Map<String, List<Keywords>> keywordsByLanguage = new LinkedHashMap<>();
    private final Map<String, Set<String>> stopWordsByLanguage = new LinkedHashMap<>();
    private final Map<String, Set<String>> startWordsByLanguage = new LinkedHashMap<>();
    private final Map<String, String> facts;
    /** Keywords used by several languages ("check-in", "wifi", "taxi"): they say nothing about the language. */
    private final Set<String> sharedKeywords;

    public KnowledgeBase(Path overrideDir, Map<String, String> facts) {
        this.facts = facts;
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String language : LANGUAGES) {
            Path own = overrideDir == null ? null : overrideDir.resolve(language + ".yaml");
            boolean hotelsOwn = own != null && Files.exists(own);
            LanguageFile file = load(yaml, hotelsOwn ? own : null, language);
            requireFacts(hotelsOwn ? own.toString() : "knowledge/" + language + ".yaml (built in)", file);
            files.put(language, file);
            keywordsByLanguage.put(language, file.intents().entrySet().stream()
                    .map(e -> new Keywords(e.getKey(), e.getValue().keywords().stream()
                            .map(k -> new Keyword(normalize(k), k.endsWith("*"), k.length())).toList()))
                    .toList());
            stopWordsByLanguage.put(language, normalizedSet(file.stopWords()));
            startWordsByLanguage.put(language, normalizedSet(file.startWords()));
        }
        Map<String, Long> languagesPerKeyword = keywordsByLanguage.values().stream()
                .flatMap(intents -> intents.stream().flatMap(i -> i.keywords().stream())
                        .map(Keyword::normalized).distinct())
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        this.sharedKeywords = languagesPerKeyword.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
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
                return yaml.readValue(own.toFile(), LanguageFile.class);
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

    /** Every placeholder of the file's answers and replies has a fact: a guest never gets one unfilled. */
    private void requireFacts(String source, LanguageFile file) {
        file.intents().forEach((intent, entry) -> requireFacts(source, "intent " + intent, entry.answer()));
        file.replies().forEach((reply, text) -> requireFacts(source, "reply " + reply, text));
    }

    private void requireFacts(String source, String where, String text) {
        Matcher placeholders = PLACEHOLDER.matcher(text == null ? "" : text);
        while (placeholders.find()) {
            if (!facts.containsKey(placeholders.group(1))) {
                throw new ConfigurationException("knowledge file " + source + ", " + where + ": placeholder {"
                        + placeholders.group(1) + "} has no value; set " + HotelFacts.settingOf(placeholders.group(1)));
            }
        }
    }

    /** Best intent for the text: keywords of {@code preferred} first, then of any language. */
    public Optional<Match> detectIntent(String text, String preferred) {
        String normalized = " " + normalize(text) + " ";
        Optional<Match> inPreferred = bestIn(normalized, preferred);
        if (inPreferred.isPresent()) {
            return inPreferred;
        }
        return LANGUAGES.stream().map(language -> bestIn(normalized, language)).flatMap(Optional::stream)
                .max(java.util.Comparator.comparingInt(Match::score));
    }

    private Optional<Match> bestIn(String normalized, String language) {
        List<Keywords> intents = keywordsByLanguage.get(language);
        if (intents == null) {
            return Optional.empty();
        }
        Match best = null;
        for (Keywords intent : intents) {
            int score = 0;
            for (Keyword keyword : intent.keywords()) {
                if (contains(normalized, keyword.normalized(), keyword.prefix())) {
                    score += keyword.weight();
                }
            }
            if (score > 0 && (best == null || score > best.score())) {
                best = new Match(intent.intent(), language, score);
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean contains(String paddedText, String keyword, boolean prefix) {
        return prefix ? paddedText.contains(" " + keyword) : paddedText.contains(" " + keyword + " ");
    }

    /** The language whose opt-out word the whole message is, if it is one ("STOP", "basta", …). */
    public Optional<String> optOutLanguage(String text) {
        return wholeMessageIn(text, stopWordsByLanguage);
    }

    public Optional<String> optInLanguage(String text) {
        return wholeMessageIn(text, startWordsByLanguage);
    }

    private static Optional<String> wholeMessageIn(String text, Map<String, Set<String>> wordsByLanguage) {
        String normalized = normalize(text);
        return wordsByLanguage.entrySet().stream().filter(e -> e.getValue().contains(normalized))
                .map(Map.Entry::getKey).findFirst();
    }

    public String answer(String intent, String language) {
        return fill(file(language).intents().get(intent).answer());
    }

    public String reply(String key, String language) {
        return fill(file(language).replies().get(key));
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
