package be.samenbord.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A result's snippet (rule SE-1): about {@value #LENGTH} characters of its text around the first
 * match (the whole text when it is short), HTML-escaped, each matched word in {@code <mark>..</mark>}.
 * A hit only ever shows its own text, so a snippet shows nothing its result does not (rule SE-6).
 *
 * <p>The text is read again with the index's own chains, each word's own form kept beside its stem
 * and its compound parts ({@link SearchAnalyzers#forHighlight()}), and a word is marked when one of
 * its terms is a query word in one of the forms the query matched ({@link QueryWord#matches}).
 * Lucene's UnifiedHighlighter did the same through a MemoryIndex per hit and its automata: 5-10 ms
 * for 20 hits on the 2-core build machine, most of a query's time; this takes well under one.
 */
final class Snippets {

    static final int LENGTH = 160;
    /** A text up to this long is shown whole. */
    private static final int WHOLE = LENGTH + 40;
    private final Analyzer analyzer;

    Snippets(SearchAnalyzers analyzers) {
        this.analyzer = analyzers.forHighlight();
    }

    /**
     * The snippet of a hit whose text is in {@code mine} (the workshop's language field) or
     * {@code theirs} (the other one; a template text has both): the one with marks, the workshop's
     * language first.
     */
    String of(String mine, String theirs, String lang, List<QueryWord> words) {
        String other = SearchAnalyzers.NL.equals(lang) ? SearchAnalyzers.EN : SearchAnalyzers.NL;
        List<QueryWord> marking = words.stream().allMatch(QueryWord::optional) ? words
                : words.stream().filter(w -> !w.optional()).toList();
        if (mine != null) {
            List<int[]> marks = marks(lang, mine, marking);
            if (!marks.isEmpty() || theirs == null) return cut(mine, marks);
        }
        if (theirs != null) return cut(theirs, marks(other, theirs, marking));
        return "";
    }

    /** Character ranges of the words to mark, in order, not overlapping. */
    List<int[]> marks(String field, String text, List<QueryWord> words) {
        List<int[]> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                int start = offset.startOffset();
                int end = offset.endOffset();
                int[] last = out.isEmpty() ? null : out.getLast();
                if (last != null && start < last[1]) continue; // a stacked form of a word already marked
                String t = term.toString();
                for (QueryWord w : words) {
                    if (w.matches(t)) {
                        out.add(new int[]{start, end});
                        break;
                    }
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
        return out;
    }

    /** The window of the text around the first mark, escaped and marked. */
    static String cut(String text, List<int[]> marks) {
        int from = 0;
        int to = text.length();
        if (text.codePointCount(0, text.length()) > WHOLE) {
            int first = marks.isEmpty() ? 0 : marks.getFirst()[0];
            from = first <= LENGTH / 3 ? 0 : wordStart(text, first - LENGTH / 3);
            to = wordEnd(text, Math.min(text.length(), offsetBy(text, from, LENGTH)));
        }
        StringBuilder b = new StringBuilder(to - from + 32);
        if (from > 0) b.append("… ");
        int at = from;
        for (int[] m : marks) {
            if (m[1] <= from || m[0] >= to) continue;
            int s = Math.max(m[0], from);
            int e = Math.min(m[1], to);
            escape(b, text, at, s);
            b.append("<mark>");
            escape(b, text, s, e);
            b.append("</mark>");
            at = e;
        }
        escape(b, text, at, to);
        if (to < text.length()) b.append(" …");
        return b.toString();
    }

    private static int offsetBy(String text, int from, int codePoints) {
        int n = text.codePointCount(from, text.length());
        return text.offsetByCodePoints(from, Math.min(n, codePoints));
    }

    /** The start of the word at or after {@code i} (a window never starts inside a word). */
    private static int wordStart(String text, int i) {
        int j = Math.max(0, i);
        while (j > 0 && j < text.length() && !Character.isWhitespace(text.charAt(j - 1))) j++;
        if (j >= text.length()) return Math.max(0, i);
        return Character.isLowSurrogate(text.charAt(j)) ? j + 1 : j;
    }

    /** The end of the word at {@code i} (a window never ends inside a word), at most 30 more. */
    private static int wordEnd(String text, int i) {
        int j = i;
        while (j < text.length() && j < i + 30 && !Character.isWhitespace(text.charAt(j))) j++;
        if (j < text.length() && Character.isLowSurrogate(text.charAt(j))) j++;
        return j;
    }

    /** HTML-escapes {@code text[from, to)} as the contract says (SE-1): &amp; &lt; &gt; &quot; ' and /. */
    static void escape(StringBuilder b, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#x27;");
                case '/' -> b.append("&#x2F;");
                default -> b.append(c);
            }
        }
    }
}
