package io.conciergehub.concierge;

import io.conciergehub.concierge.TextAnalysis.Term;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * Scores a clause of a guest's message against every intent of one language, the way keyword
 * intent parsers such as Mycroft's Adapt and example-based classifiers such as nlp.js do, in a
 * form a hotel can follow in the preview:
 * <ul>
 * <li>a <b>keyword</b> (a word or a phrase, compared stem by stem) is strong evidence: one found
 * gives the intent {@value #KEYWORD_SCORE};</li>
 * <li>the <b>example questions</b> give the cosine similarity between the clause and the closest
 * example, each word weighted by how few intents use it (stop words weigh nothing, a word no
 * intent knows weighs the most, so "Can I bring my dog?" is not "Can I leave my bags?");</li>
 * <li>the two combine as independent evidence: {@code 1 - (1 - keyword) × (1 - example)}.</li>
 * </ul>
 * A word the language's vocabulary lacks is read as the vocabulary word one typing error away
 * (two for long words): "pasword", "brekfast".
 */
final class IntentMatcher {

    static final double KEYWORD_SCORE = 0.6;
    private static final int MIN_TYPO_LENGTH = 6;
    private static final int MIN_TWO_TYPOS_LENGTH = 8;

    /** Why an intent scored: the keyword or the example question that matched best. */
    record Scored(String intent, double score, String evidence, int position, boolean keyword) {
    }

    private record Phrase(String intent, String text, List<String> stems) {
    }

    /** An example question, with its words' weights squared and summed once, at load. */
    private record Example(String intent, String text, Set<String> stems, double norm) {
    }

    /** How much of one example a clause shares. */
    private static final class Overlap {
        double sharedWeight;
        int sharedWords;
        boolean distinctiveWord;
    }

    private final TextAnalysis analysis;
    private final List<String> intents;
    /** Keywords by their first word, examples by each of theirs: a clause is compared only with those sharing one. */
    private final Map<String, List<Phrase>> keywordsByFirstStem = new HashMap<>();
    private final Map<String, List<Example>> examplesByStem = new HashMap<>();
    private final Map<String, Double> weights = new HashMap<>();
    /** Words only one intent uses: one of them alone is evidence enough. */
    private final Set<String> distinctive = new HashSet<>();
    private final double unknownWeight;

    IntentMatcher(TextAnalysis analysis, Map<String, KnowledgeBase.Intent> intents) {
        this.analysis = analysis;
        this.intents = List.copyOf(intents.keySet());
        Map<String, Integer> intentsPerStem = new HashMap<>();
        Map<String, List<Set<String>>> exampleStems = new LinkedHashMap<>();
        intents.forEach((name, intent) -> {
            List<Phrase> keywords = intent.keywords().stream()
                    .map(k -> new Phrase(name, k, analysis.terms(k).stream().map(Term::stem).toList()))
                    .filter(p -> !p.stems().isEmpty()).toList();
            keywords.forEach(k -> keywordsByFirstStem.computeIfAbsent(k.stems().get(0), f -> new ArrayList<>()).add(k));
            Set<String> stems = new HashSet<>();
            keywords.forEach(k -> stems.addAll(k.stems()));
            for (String example : intent.examples()) {
                Set<String> content = contentStems(analysis.terms(example));
                exampleStems.computeIfAbsent(name + "\n" + example, e -> new ArrayList<>()).add(content);
                stems.addAll(content);
            }
            stems.forEach(stem -> intentsPerStem.merge(stem, 1, Integer::sum));
        });
        int count = Math.max(1, intents.size());
        intentsPerStem.forEach((stem, n) -> {
            weights.put(stem, Math.log(1.0 + (double) count / n));
            if (n == 1) {
                distinctive.add(stem);
            }
        });
        this.unknownWeight = Math.log(1.0 + count);
        exampleStems.forEach((key, stemSets) -> {
            String[] intentAndText = key.split("\n", 2);
            for (Set<String> stems : stemSets) {
                Example example = new Example(intentAndText[0], intentAndText[1], stems, norm(stems));
                stems.forEach(stem -> examplesByStem.computeIfAbsent(stem, e -> new ArrayList<>()).add(example));
            }
        });
    }

    /**
     * Every intent with some evidence in the clause, best first. {@code keywordsOnly}: keywords as
     * written, no typos read, no examples: how a language other than the guest's reads a loanword
     * ("Parking?") without reading its own words into a foreign sentence.
     */
    List<Scored> score(String clause, boolean keywordsOnly) {
        List<Term> terms = keywordsOnly ? analysis.terms(clause) : corrected(analysis.terms(clause));
        List<String> stems = terms.stream().map(Term::stem).toList();
        Map<String, Phrase> keywordOf = new HashMap<>();
        Map<String, Integer> keywordAt = new HashMap<>();
        for (int i = 0; i < stems.size(); i++) {
            for (Phrase phrase : keywordsByFirstStem.getOrDefault(stems.get(i), List.of())) {
                Phrase found = keywordOf.get(phrase.intent());
                if (startsAt(stems, i, phrase.stems()) && (found == null || phrase.stems().size() > found.stems().size())) {
                    keywordOf.put(phrase.intent(), phrase);
                    keywordAt.put(phrase.intent(), i);
                }
            }
        }
        Map<String, Example> closestOf = new HashMap<>();
        Map<String, Double> similarityOf = new HashMap<>();
        if (!keywordsOnly) {
            Set<String> content = contentStems(terms);
            double clauseNorm = norm(content);
            Map<Example, Overlap> overlaps = new IdentityHashMap<>(); // an example is itself, not its words
            for (String stem : content) {
                double w = weight(stem);
                for (Example example : examplesByStem.getOrDefault(stem, List.of())) {
                    Overlap overlap = overlaps.computeIfAbsent(example, e -> new Overlap());
                    overlap.sharedWeight += w * w;
                    overlap.sharedWords++;
                    overlap.distinctiveWord |= distinctive.contains(stem);
                }
            }
            overlaps.forEach((example, overlap) -> {
                double similarity = similarity(overlap, clauseNorm, example);
                if (similarity > similarityOf.getOrDefault(example.intent(), 0.0)) {
                    similarityOf.put(example.intent(), similarity);
                    closestOf.put(example.intent(), example);
                }
            });
        }
        List<Scored> scored = new ArrayList<>();
        for (String intent : intents) {
            Phrase keyword = keywordOf.get(intent);
            double similarity = similarityOf.getOrDefault(intent, 0.0);
            double score = 1 - (1 - (keyword == null ? 0 : KEYWORD_SCORE)) * (1 - similarity);
            if (score > 0) {
                Example closest = closestOf.get(intent);
                String evidence = keyword != null ? "keyword \"" + keyword.text() + "\""
                        : "example \"" + closest.text() + "\"";
                int position = keyword != null ? keywordAt.get(intent) : firstShared(stems, closest.stems());
                scored.add(new Scored(intent, score, evidence, position, keyword != null));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return scored;
    }

    /**
     * The clause's cosine similarity to an example; 0 unless they share two words, or one that only
     * this intent uses: "a che ora" shares just "ora" with every question about a time.
     */
    private static double similarity(Overlap overlap, double clauseNorm, Example example) {
        boolean enough = overlap.sharedWords >= 2 || overlap.distinctiveWord;
        return enough && clauseNorm > 0 ? overlap.sharedWeight / (clauseNorm * example.norm()) : 0;
    }

    /** How many words of a clause are not stop words: whether it says something of its own. */
    int contentWords(String clause) {
        return (int) analysis.terms(clause).stream().filter(t -> !t.stop()).count();
    }

    /**
     * How much of a text this language knows, 0 to 1: its stop words and the words of its knowledge.
     * "What's the wifi password?" is English by "what" and "the", whatever "wifi" and "password" say.
     */
    double familiarity(String text) {
        List<Term> terms = analysis.terms(text);
        if (terms.isEmpty()) {
            return 0;
        }
        long known = terms.stream().filter(t -> t.stop() || weights.containsKey(t.stem())).count();
        return (double) known / terms.size();
    }

    private double norm(Set<String> stems) {
        double sum = 0;
        for (String stem : stems) {
            double w = weight(stem);
            sum += w * w;
        }
        return Math.sqrt(sum);
    }

    private double weight(String stem) {
        return weights.getOrDefault(stem, unknownWeight);
    }

    /** Words the vocabulary lacks, replaced by the vocabulary word a typing error away, if one is. */
    private List<Term> corrected(List<Term> terms) {
        List<Term> corrected = new ArrayList<>(terms.size());
        for (Term term : terms) {
            String stem = term.stem();
            if (term.stop() || stem.length() < MIN_TYPO_LENGTH || weights.containsKey(stem)) {
                corrected.add(term);
                continue;
            }
            int distance = stem.length() >= MIN_TWO_TYPOS_LENGTH ? 2 : 1;
            CharacterRunAutomaton near = new CharacterRunAutomaton(new LevenshteinAutomata(stem, true).toAutomaton(distance));
            String best = null;
            for (String known : weights.keySet()) {
                if (near.run(known) && (best == null || weight(known) > weight(best))) {
                    best = known;
                }
            }
            corrected.add(best == null ? term : new Term(best, false));
        }
        return corrected;
    }

    private static Set<String> contentStems(List<Term> terms) {
        Set<String> content = new LinkedHashSet<>();
        for (Term term : terms) {
            if (!term.stop()) {
                content.add(term.stem());
            }
        }
        return content;
    }

    private static boolean startsAt(List<String> stems, int at, List<String> phrase) {
        if (at + phrase.size() > stems.size()) {
            return false;
        }
        for (int j = 0; j < phrase.size(); j++) {
            if (!stems.get(at + j).equals(phrase.get(j))) {
                return false;
            }
        }
        return true;
    }

    private static int firstShared(List<String> stems, Set<String> example) {
        for (int i = 0; i < stems.size(); i++) {
            if (example.contains(stems.get(i))) {
                return i;
            }
        }
        return stems.size();
    }
}
