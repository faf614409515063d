package io.conciergehub.concierge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * One language's text analysis, from Lucene: words split by the standard tokenizer, elided
 * articles dropped ("l'hôtel" → "hotel"), lower case, accents folded (a guest who types
 * "fruhstuck" means "Frühstück"), German compounds split along the knowledge base's own words
 * ("Frühstückszeit" → "fruhstuck", "zeit"), and light stemming ("parcheggiare" and "parcheggio"
 * meet). Stop words are kept, marked: they join phrases ("check in") but are no evidence of an
 * intent.
 */
final class TextAnalysis {

    /** A word as compared: its stem, and whether it is one of the language's stop words. */
    record Term(String stem, boolean stop) {
    }

    /** Italian articles and prepositions that elide ("dell'hotel"); Lucene keeps its own list private. */
    private static final CharArraySet ITALIAN_ARTICLES = new CharArraySet(Arrays.asList("c", "l", "all", "dall",
            "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s",
            "v", "d", "quest", "quell"), true);

    private final String language;
    private final CharArraySet stopWords;
    private final CharArraySet compoundParts;
    private final Analyzer analyzer;

    /**
     * @param compoundParts words a German compound may be made of (the knowledge base's vocabulary);
     *                      ignored for the other languages
     */
    TextAnalysis(String language, Collection<String> compoundParts) {
        this.language = language;
        this.stopWords = folded(switch (language) {
            case "it" -> ItalianAnalyzer.getDefaultStopSet();
            case "de" -> GermanAnalyzer.getDefaultStopSet();
            case "fr" -> FrenchAnalyzer.getDefaultStopSet();
            case "es" -> SpanishAnalyzer.getDefaultStopSet();
            default -> EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
        });
        this.compoundParts = new CharArraySet(compoundParts, true);
        this.analyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer words = new StandardTokenizer();
                return new TokenStreamComponents(words, stems(words));
            }
        };
    }

    /** The terms of a text, in order; German compound parts follow their compound. */
    List<Term> terms(String text) {
        List<Term> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            KeywordAttribute stop = stream.addAttribute(KeywordAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(new Term(term.toString(), stop.isKeyword()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory string cannot fail to read
        }
        return terms;
    }

    /** The lower-case, accent-folded words of a text, before stemming: what compounds are made of. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        try (Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer))) {
            tokenizer.setReader(new java.io.StringReader(text));
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    private TokenStream stems(TokenStream words) {
        TokenStream stream = switch (language) {
            case "fr" -> new ElisionFilter(words, FrenchAnalyzer.DEFAULT_ARTICLES);
            case "it" -> new ElisionFilter(words, ITALIAN_ARTICLES);
            case "en" -> new EnglishPossessiveFilter(words);
            default -> words;
        };
        stream = new StopWordMarker(new ASCIIFoldingFilter(new LowerCaseFilter(stream)), stopWords);
        if ("de".equals(language) && !compoundParts.isEmpty()) {
            stream = new DictionaryCompoundWordTokenFilter(stream, compoundParts, 6, 3, 15, true);
        }
        return switch (language) {
            case "it" -> new ItalianLightStemFilter(stream);
            case "de" -> new GermanLightStemFilter(stream);
            case "fr" -> new FrenchLightStemFilter(stream);
            case "es" -> new SpanishLightStemFilter(stream);
            default -> new PorterStemFilter(stream);
        };
    }

    private static CharArraySet folded(CharArraySet words) {
        CharArraySet folded = new CharArraySet(words.size(), true);
        for (Object word : words) {
            folded.addAll(words(new String((char[]) word)));
        }
        return folded;
    }

    /**
     * Marks stop words as keywords: the stemmers leave them alone and the matcher reads the mark.
     * Lucene's StopFilter would remove them, and with them the "in" of "check in".
     */
    private static final class StopWordMarker extends TokenFilter {
        private final CharArraySet stopWords;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

        StopWordMarker(TokenStream input, CharArraySet stopWords) {
            super(input);
            this.stopWords = stopWords;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            keyword.setKeyword(stopWords.contains(term.buffer(), 0, term.length()));
            return true;
        }
    }
}
