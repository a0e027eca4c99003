package be.samenbord.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers searches (rules SE-1, SE-4) on a pool of its own, never on an event loop: at most
 * {@code threads} at once and {@code queue} more waiting; past that a search fails at once with
 * {@link Busy} (REST: 503 busy), so a burst of typing cannot stall the node.
 */
public final class SearchService implements AutoCloseable {

    /** Every search thread is taken and the queue is full: try again shortly. */
    public static final class Busy extends RuntimeException {
        public Busy() {
            super("too many searches at once; try again shortly");
        }
    }

    private static final Set<String> STORED = Set.of(IndexDocs.BOARD, IndexDocs.ITEM, IndexDocs.FIELD, SearchAnalyzers.NL, SearchAnalyzers.EN);

    private final SearchIndex index;
    private final QueryBuilder queries;
    private final Snippets snippets;
    private final ThreadPoolExecutor pool;

    public SearchService(SearchIndex index, SearchAnalyzers analyzers, int threads, int queue) {
        this.index = index;
        this.queries = new QueryBuilder(analyzers);
        this.snippets = new Snippets(analyzers);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, queue)), r -> {
            Thread t = new Thread(r, "samenbord-search-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Searches on the pool; fails with {@link Busy} when it is full. {@code lang}: the workshop's. */
    public CompletableFuture<SearchResult> search(SearchRequest request, String lang) {
        CompletableFuture<SearchResult> out = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    out.complete(searchNow(request, lang));
                } catch (Exception | Error e) {
                    out.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            out.completeExceptionally(new Busy());
        }
        return out;
    }

    /** The search itself, on the calling thread. */
    public SearchResult searchNow(SearchRequest request, String lang) throws IOException {
        List<QueryWord> words = queries.words(request.query(), request.typing());
        Query query = queries.build(request, words);
        String other = SearchAnalyzers.NL.equals(lang) ? SearchAnalyzers.EN : SearchAnalyzers.NL;
        IndexSearcher searcher = index.acquire();
        try {
            // Exact totals: a workshop holds at most a few hundred thousand texts (LI-10, LI-13).
            TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(request.limit(), Integer.MAX_VALUE));
            List<SearchResult.Hit> hits = new ArrayList<>(top.scoreDocs.length);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc, STORED);
                String snippet = snippets.of(d.get(lang), d.get(other), lang, words);
                hits.add(new SearchResult.Hit(d.get(IndexDocs.BOARD), d.get(IndexDocs.ITEM), d.get(IndexDocs.FIELD), snippet, sd.score));
            }
            return new SearchResult(top.totalHits.value(), hits);
        } finally {
            index.release(searcher);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
