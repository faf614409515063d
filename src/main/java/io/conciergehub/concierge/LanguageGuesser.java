package io.conciergehub.concierge;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects which language a guest wrote in (Lingua, restricted to the languages the knowledge base
 * speaks and {@link #NEIGHBOURS}), and says how sure it is: Lingua ranks the languages relative to
 * the best one (1.0), so the lead over the runner-up is the confidence.
 */
public final class LanguageGuesser {

    /**
     * The best language, its lead over the runner-up (0 to 1), and every language's value relative
     * to the best (1.0).
     */
    public record Guess(String language, double lead, int words, Map<String, Double> relative) {

        /** Sure enough to name a new guest's language: "Wifi?" and "Ok" are not. */
        public boolean confident() {
            return words >= 2 && lead >= MINIMUM_LEAD;
        }

        /** A sentence, not a word or two, and Lingua sure of it. */
        public boolean sureSentence() {
            return words >= SWITCH_WORDS && lead >= MINIMUM_LEAD;
        }

        /** Sure enough that a guest whose language is known wrote in another one. */
        public boolean clearSwitchFrom(String known) {
            return !language.equals(known) && sureSentence();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LanguageGuesser.class);

    /** Below this lead of the best language over the runner-up, the guess is not trusted ("Hallo"). */
    private static final double MINIMUM_LEAD = 0.05;
    /** A guest whose language is known changes language only in a sentence, not in a word or two. */
    static final int SWITCH_WORDS = 4;
    private static final Pattern NOT_IN_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /**
     * Languages the knowledge lacks whose guests Lingua would otherwise take for ones it speaks
     * (Dutch for German, Portuguese for Spanish): detected so that such a guest is answered in
     * English, the knowledge's fallback, not in a neighbour's language.
     */
    static final List<Language> NEIGHBOURS = List.of(Language.DUTCH, Language.PORTUGUESE);

    private final LanguageDetector detector;

    /**
     * @param highAccuracy Lingua's high-accuracy models are better on one- or two-word messages but
     *                     take about 115 MB of heap for five languages; low accuracy takes about 30 MB
     */
    public LanguageGuesser(boolean highAccuracy) {
        List<Language> languages = new ArrayList<>(List.of(Language.ENGLISH, Language.ITALIAN, Language.GERMAN,
                Language.FRENCH, Language.SPANISH));
        languages.addAll(NEIGHBOURS);
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(languages.toArray(Language[]::new));
        this.detector = (highAccuracy ? builder : builder.withLowAccuracyMode()).build();
    }

    /** Lingua's best guess; empty when the text has too few letters to guess at all. */
    public Optional<Guess> guess(String text) {
        if (text == null || text.codePoints().filter(Character::isLetter).count() < 3) {
            return Optional.empty();
        }
        Map<String, Double> relative = new LinkedHashMap<>();
        detector.computeLanguageConfidenceValues(text).forEach((language, value) -> relative.put(
                language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT), value));
        if (relative.isEmpty()) {
            return Optional.empty();
        }
        Iterator<Map.Entry<String, Double>> ranked = relative.entrySet().iterator();
        Map.Entry<String, Double> best = ranked.next();
        double runnerUp = ranked.hasNext() ? ranked.next().getValue() : 0;
        return Optional.of(new Guess(best.getKey(), best.getValue() - runnerUp, words(text), relative));
    }

    /** How many words a text has: a guest's known language is re-checked only on sentences. */
    public static int words(String text) {
        return text == null || text.isBlank() ? 0 : NOT_IN_A_WORD.split(text.strip()).length;
    }

    /** Loads the language models now rather than on the first guest message. */
    public void warmUp() {
        long started = System.nanoTime();
        detector.detectLanguageOf("Buongiorno, what time is breakfast? Merci beaucoup, hasta luego, danke schön");
        LOG.info("event=concierge.languages-loaded ms={}", (System.nanoTime() - started) / 1_000_000);
    }
}
