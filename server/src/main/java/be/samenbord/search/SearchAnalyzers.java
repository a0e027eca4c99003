package be.samenbord.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.tartarus.snowball.ext.DutchStemmer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How text becomes search terms (rule SE-3). Three indexed fields: {@code nl} (Dutch: folded,
 * compounds split on a list of word parts, Dutch stopwords, Snowball's Dutch stemmer), {@code en}
 * (English: folded, stopwords, Porter) and {@code plain} (folded words, no stemming: exact words,
 * prefixes while typing and typo tolerance). Every chain lowercases and folds diacritics, so
 * "reeel" and "reëel" are one word, and drops a possessive {@code 's} ("collega's").
 *
 * <p>Compounds are split when indexing only: "werkdrukte" is also indexed as "werkdruk", "werk",
 * "druk" and "drukte", so a search for "druk" finds it; a query is never split, or "werkdrukte"
 * would find every note that says "werk". Highlighting re-reads stored text with chains that keep
 * each word's own form beside its stem, so a prefix or a typo marks the word it matched.
 */
public final class SearchAnalyzers {

    public static final String NL = "nl";
    public static final String EN = "en";
    public static final String PLAIN = "plain";
    private static final String PARTS = "/samenbord/search/nl-compound-parts.txt";

    private final CharArraySet dutchStop;
    private final CharArraySet englishStop;
    private final CharArraySet compoundParts;
    private final String fingerprint;

    public SearchAnalyzers() {
        List<String> parts = readParts();
        this.compoundParts = new CharArraySet(parts, false);
        this.dutchStop = folded(DutchAnalyzer.getDefaultStopSet());
        this.englishStop = folded(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        this.fingerprint = "analysis-1:" + sha256(String.join("\n", parts));
    }

    /** Changes whenever analysis would index text differently: an index made otherwise is rebuilt. */
    public String fingerprint() {
        return fingerprint;
    }

    /** What the index writer analyses each field with. */
    public Analyzer forIndex() {
        return new PerFieldAnalyzerWrapper(plain(), Map.of(NL, dutch(true, false), EN, english(false)));
    }

    /** What stored text is re-read with to find the words to mark (stems and own forms stacked). */
    public Analyzer forHighlight() {
        return new PerFieldAnalyzerWrapper(plain(), Map.of(NL, dutch(true, true), EN, english(true)));
    }

    /** The Dutch chain a query word goes through (no compound splitting). */
    public Analyzer dutchQuery() {
        return dutch(false, false);
    }

    public Analyzer englishQuery() {
        return english(false);
    }

    public Analyzer plain() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, folding(source));
            }
        };
    }

    /** Whether a folded word is a stopword in Dutch or English: it may be missing from a text. */
    public boolean stopword(String foldedWord) {
        return dutchStop.contains(foldedWord) || englishStop.contains(foldedWord);
    }

    private Analyzer dutch(boolean splitCompounds, boolean highlight) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = folding(source);
                if (splitCompounds) {
                    // Words of 6+ letters, parts of 4-20: "werkdrukte" → werk, werkdruk, druk, drukte.
                    s = new DictionaryCompoundWordTokenFilter(s, compoundParts, 6, 4, 20, false);
                }
                if (highlight) s = new KeywordRepeatFilter(s);
                else s = new StopFilter(s, dutchStop);
                s = new SnowballFilter(s, new DutchStemmer());
                if (highlight) s = new RemoveDuplicatesTokenFilter(s);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    private Analyzer english(boolean highlight) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = folding(source);
                if (highlight) s = new KeywordRepeatFilter(s);
                else s = new StopFilter(s, englishStop);
                s = new PorterStemFilter(s);
                if (highlight) s = new RemoveDuplicatesTokenFilter(s);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    private static TokenStream folding(Tokenizer source) {
        // EnglishPossessiveFilter drops a trailing 's (also ’s): Dutch "collega's" is "collega" too.
        return new ASCIIFoldingFilter(new LowerCaseFilter(new EnglishPossessiveFilter(source)));
    }

    /** Lowercase without diacritics, as the chains make words (stop lists and the parts list too). */
    public static String fold(String word) {
        String decomposed = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "");
    }

    private static CharArraySet folded(CharArraySet words) {
        List<String> out = new ArrayList<>();
        for (Object w : words) out.add(fold(w instanceof char[] c ? new String(c) : w.toString()));
        return new CharArraySet(out, false);
    }

    private static List<String> readParts() {
        try (InputStream in = SearchAnalyzers.class.getResourceAsStream(PARTS)) {
            if (in == null) throw new IllegalStateException("missing resource " + PARTS);
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String w = line.strip();
                    if (!w.isEmpty() && !w.startsWith("#")) out.add(fold(w));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PARTS, e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
