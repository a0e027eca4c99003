package be.samenbord.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what someone typed into a Lucene query (rules SE-3, SE-4, SE-6, SE-7). Each word must
 * match in one of its forms, the best form counting (rule SE-4's ranking): its Dutch or English stem
 * or the word itself scores at least {@value #WORD} and more the rarer and denser it is in a text
 * (BM25 × {@value #STEM}); the word as a prefix while it is still being typed (two letters or more)
 * scores {@value #PREFIX}; the word with a typo (five letters or more: one edit, eight or more: two)
 * scores {@value #FUZZY}. So a whole word always ranks above a prefix, a prefix above a typo. A word
 * that is a stopword in either language is optional. Filters never add to the score: the workshop,
 * what the viewer may see, and the filters asked for.
 */
final class QueryBuilder {

    static final int MAX_WORDS = 8;
    static final float STEM = 3f;
    static final float WORD = 2f;
    static final float PREFIX = 1.5f;
    static final float FUZZY = 1f;

    private final SearchAnalyzers analyzers;
    private final Analyzer plain;
    private final Analyzer dutch;
    private final Analyzer english;

    QueryBuilder(SearchAnalyzers analyzers) {
        this.analyzers = analyzers;
        this.plain = analyzers.plain();
        this.dutch = analyzers.dutchQuery();
        this.english = analyzers.englishQuery();
    }

    /** The words of a query (at most {@link #MAX_WORDS}) and the forms each matches in. */
    List<QueryWord> words(String query, boolean typing) {
        List<String> words = terms(plain, query);
        if (words.size() > MAX_WORDS) words = words.subList(0, MAX_WORDS);
        List<QueryWord> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean last = i == words.size() - 1;
            boolean prefix = last && typing && word.length() >= 2;
            out.add(new QueryWord(word, terms(dutch, word), terms(english, word), prefix, QueryWord.editsFor(word),
                    analyzers.stopword(word) && !(last && typing)));
        }
        return out;
    }

    /** What matches the words, scored; {@link MatchNoDocsQuery} when there are none. */
    Query text(List<QueryWord> words) {
        if (words.isEmpty()) return new MatchNoDocsQuery("no words");
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        boolean anyRequired = false;
        for (QueryWord w : words) {
            List<Query> forms = new ArrayList<>();
            for (String stem : w.dutchStems()) whole(forms, new TermQuery(new Term(SearchAnalyzers.NL, stem)));
            for (String stem : w.englishStems()) whole(forms, new TermQuery(new Term(SearchAnalyzers.EN, stem)));
            whole(forms, new TermQuery(new Term(SearchAnalyzers.PLAIN, w.word())));
            if (w.prefix()) forms.add(new BoostQuery(new ConstantScoreQuery(new PrefixQuery(new Term(SearchAnalyzers.PLAIN, w.word()))), PREFIX));
            if (w.edits() > 0) {
                // The default rewrite keeps the 50 closest terms: about five times cheaper here than
                // collecting every term within reach (BENCHMARKS.md Q1); constant score, as a typo.
                forms.add(new BoostQuery(new ConstantScoreQuery(new FuzzyQuery(new Term(SearchAnalyzers.PLAIN, w.word()), w.edits(), 1)), FUZZY));
            }
            anyRequired |= !w.optional();
            all.add(new DisjunctionMaxQuery(forms, 0.1f), w.optional() ? Occur.SHOULD : Occur.MUST);
        }
        if (!anyRequired) all.setMinimumNumberShouldMatch(1);
        return all.build();
    }

    /** A whole word or stem: BM25 for the order among texts, never below {@link #WORD}. */
    private static void whole(List<Query> forms, Query term) {
        forms.add(new BoostQuery(term, STEM));
        forms.add(new BoostQuery(new ConstantScoreQuery(term), WORD));
    }

    /** The whole query: the words, within the request's workshop and filters, as its viewer may see. */
    Query build(SearchRequest r, List<QueryWord> words) {
        BooleanQuery.Builder q = new BooleanQuery.Builder()
                .add(text(words), Occur.MUST)
                .add(term(IndexDocs.WORKSHOP, r.workshop()), Occur.FILTER)
                .add(visible(r.viewer()), Occur.FILTER);
        if (!r.boards().isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            r.boards().forEach(b -> any.add(term(IndexDocs.BOARD, b), Occur.SHOULD));
            q.add(any.build(), Occur.FILTER);
        }
        if (r.zone() != null) q.add(term(IndexDocs.ZONE, r.zone()), Occur.FILTER);
        if (r.color() != null) q.add(term(IndexDocs.COLOR, IndexDocs.keyword(r.color())), Occur.FILTER);
        if (r.author() != null) q.add(term(IndexDocs.AUTHOR, IndexDocs.keyword(r.author())), Occur.FILTER);
        if (r.hasVotes()) q.add(voted(r.viewer()), Occur.FILTER);
        return q.build();
    }

    /** Public texts, and the viewer's own private notes (SE-6). */
    private static Query visible(String viewer) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(term(IndexDocs.VISIBLE, IndexDocs.PUBLIC), Occur.SHOULD);
        if (viewer != null) b.add(term(IndexDocs.OWNER, viewer), Occur.SHOULD);
        return b.build();
    }

    /** Dots anyone gave where no vote is open; during an open vote only the viewer's own (SE-7). */
    private static Query voted(String viewer) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(new BooleanQuery.Builder()
                .add(term(IndexDocs.VOTED, IndexDocs.YES), Occur.FILTER)
                .add(term(IndexDocs.VOTE_OPEN, IndexDocs.YES), Occur.MUST_NOT).build(), Occur.SHOULD);
        if (viewer != null) {
            b.add(new BooleanQuery.Builder()
                    .add(term(IndexDocs.VOTE_OPEN, IndexDocs.YES), Occur.FILTER)
                    .add(term(IndexDocs.VOTER, viewer), Occur.FILTER).build(), Occur.SHOULD);
        }
        return b.build();
    }

    private static Query term(String field, String value) {
        return new TermQuery(new Term(field, value));
    }

    static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (!t.isEmpty() && !out.contains(t)) out.add(t);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
        return out;
    }
}
