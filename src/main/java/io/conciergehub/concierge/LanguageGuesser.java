package io.conciergehub.concierge;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Detects which supported language a guest wrote in (Lingua, restricted to the languages the
 * knowledge base speaks). Empty when the text is too short or ambiguous to tell.
 */
public final class LanguageGuesser {

    /** Below this lead of the best language over the runner-up, the guess is not trusted ("Hallo"). */
    private static final double MINIMUM_LEAD = 0.05;

    private final LanguageDetector detector;

    /**
     * @param highAccuracy Lingua's high-accuracy models are better on one- or two-word messages but
     *                     take about 115 MB of heap for five languages; low accuracy takes about 30 MB
     */
    public LanguageGuesser(boolean highAccuracy) {
        LanguageDetectorBuilder builder = LanguageDetectorBuilder
                .fromLanguages(Language.ENGLISH, Language.ITALIAN, Language.GERMAN, Language.FRENCH, Language.SPANISH);
        this.detector = (highAccuracy ? builder : builder.withLowAccuracyMode()).build();
    }

    public Optional<String> detect(String text) {
        if (text == null || text.codePoints().filter(Character::isLetter).count() < 3) {
            return Optional.empty();
        }
        Iterator<Map.Entry<Language, Double>> ranked = detector.computeLanguageConfidenceValues(text).entrySet().iterator();
        if (!ranked.hasNext()) {
            return Optional.empty();
        }
        Map.Entry<Language, Double> best = ranked.next();
        double runnerUp = ranked.hasNext() ? ranked.next().getValue() : 0;
        return best.getValue() - runnerUp < MINIMUM_LEAD ? Optional.empty()
                : Optional.of(best.getKey().getIsoCode639_1().toString().toLowerCase(Locale.ROOT));
    }

    /** Loads the language models now rather than on the first guest message. */
    public void warmUp() {
        detector.detectLanguageOf("Buongiorno, what time is breakfast? Merci beaucoup, hasta luego, danke schön");
    }
}
