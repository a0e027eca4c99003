package be.samenbord.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A result's snippet (rule SE-1): the passage of about {@value #LENGTH} characters around what
 * matched, HTML-escaped, with the matched words in {@code <mark>..</mark>}. A document only ever
 * gives its own text, so a snippet shows nothing its result does not (rule SE-6). Stored text is
 * re-read with stems and own forms stacked ({@link SearchAnalyzers#forHighlight()}), and a field's
 * text is marked with the query's terms of that field and of {@code plain} (prefixes, typos).
 */
final class Snippets {

    static final int LENGTH = 160;
    static final String MARK = "<mark>";

    private final Analyzer analyzer;

    Snippets(SearchAnalyzers analyzers) {
        this.analyzer = analyzers.forHighlight();
    }

    /**
     * Snippets of {@code docIds} (in order): the workshop's language first, the other language when
     * only that one has marks (template texts have both); a text without marks from its start.
     */
    String[] of(IndexSearcher searcher, Query query, int[] docIds, String lang) throws IOException {
        String other = SearchAnalyzers.NL.equals(lang) ? SearchAnalyzers.EN : SearchAnalyzers.NL;
        UnifiedHighlighter highlighter = new UnifiedHighlighter(UnifiedHighlighter.builder(searcher, analyzer)
                .withWeightMatches(false)
                .withHandleMultiTermQuery(true)
                .withMaxNoHighlightPassages(1)
                .withMaxLength(Integer.MAX_VALUE - 1)
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(BreakIterator.getSentenceInstance(Locale.ROOT), LENGTH, 0.5f))
                .withFormatter(new DefaultPassageFormatter(MARK, "</mark>", "… ", true))) {
            @Override
            protected Predicate<String> getFieldMatcher(String field) {
                return f -> f.equals(field) || f.equals(SearchAnalyzers.PLAIN);
            }
        };
        int[] passages = {1, 1};
        Map<String, String[]> found = highlighter.highlightFields(new String[]{lang, other}, query, docIds.clone(), passages);
        String[] mine = found.get(lang);
        String[] theirs = found.get(other);
        String[] out = new String[docIds.length];
        for (int i = 0; i < docIds.length; i++) {
            String a = mine == null ? null : mine[i];
            String b = theirs == null ? null : theirs[i];
            String pick = a != null && a.contains(MARK) ? a : b != null && b.contains(MARK) ? b : a != null ? a : b;
            out[i] = pick != null ? pick : fallback(searcher.storedFields().document(docIds[i]), lang, other);
        }
        return out;
    }

    /** The start of the stored text, escaped, when the highlighter gave nothing. */
    private static String fallback(Document doc, String lang, String other) {
        String text = doc.get(lang) != null ? doc.get(lang) : doc.get(other);
        if (text == null) return "";
        int chars = text.codePointCount(0, text.length());
        String cut = chars > LENGTH ? text.substring(0, text.offsetByCodePoints(0, LENGTH)) + "…" : text;
        StringBuilder b = new StringBuilder(cut.length() + 16);
        new DefaultPassageFormatter(MARK, "</mark>", "… ", true) {
            void escapeInto(StringBuilder sb, String s) {
                append(sb, s, 0, s.length());
            }
        }.escapeInto(b, cut);
        return b.toString();
    }
}
