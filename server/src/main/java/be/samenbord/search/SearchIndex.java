package be.samenbord.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Lucene index of every workshop this node searches (rules SE-5, SE-8). One thread writes, in
 * the order updates arrive, and also reopens the searcher (every {@code refreshMs} when something
 * changed, at once after a removal), so a reader never sees half a task. Readers take a searcher
 * from {@link #acquire()} on any thread.
 *
 * <p>Order without trust in delivery order: each item remembers the seq of the update that wrote
 * it, and an older update never overwrites a newer one; a board read whole at seq S replaces every
 * item not written after S. Each board's highest seq goes into every commit, so a reopened index
 * knows how far it got; whatever is newer in the store is read again (the store is the source of
 * truth, the index is derived and may be dropped at any time).
 */
public final class SearchIndex implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());
    private static final String SEQ = "seq:";
    private static final String SCHEMA = "schema";

    /** What applying an update found. */
    public enum Outcome { APPLIED, GAP, UNKNOWN_BOARD }

    private final Directory directory;
    private IndexWriter writer;
    private volatile SearcherManager searchers;
    private final ScheduledExecutorService thread;
    private final Function<String, Optional<BoardInfo>> boards;
    private final Function<String, List<TemplateTexts.Text>> templateTexts;
    private final Map<String, BoardVersions> versions = new HashMap<>();
    /**
     * Item documents of live updates not handed to the writer yet, by key: an item written again
     * before the next refresh is analysed once, not per batch (issue 18: indexing every batch of a
     * busy board took a tenth of a node's CPU). Handed over before every refresh, commit and whole
     * read, so what is searchable and what a commit records are as before; removals go at once.
     */
    private final Map<Term, List<Document>> pending = new java.util.LinkedHashMap<>();
    private boolean dirty;
    private boolean uncommitted;
    private volatile boolean closed;

    /** Per board: the highest seq seen, the seq of its last whole read, items written since then. */
    private static final class BoardVersions {
        long seq = -1;
        long base = -1;
        boolean templated;
        final Map<String, Long> items = new HashMap<>();
    }

    /**
     * @param boards        where a board belongs and its language; empty for a board this node does not know
     * @param templateTexts the template texts of a template id
     */
    public SearchIndex(Directory directory, SearchAnalyzers analyzers, Function<String, Optional<BoardInfo>> boards,
                       Function<String, List<TemplateTexts.Text>> templateTexts, long refreshMs, long commitMs) throws IOException {
        this.directory = directory;
        this.boards = boards;
        this.templateTexts = templateTexts;
        this.analyzers = analyzers;
        this.writer = openWriter();
        readCommit(analyzers.fingerprint());
        this.searchers = new SearcherManager(writer, null);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "samenbord-search-index");
            th.setDaemon(true);
            return th;
        });
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = t;
        thread.scheduleWithFixedDelay(() -> guarded("refresh", this::refreshIfDirty), refreshMs, refreshMs, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(() -> guarded("commit", this::commitIfChanged), commitMs, commitMs, TimeUnit.MILLISECONDS);
    }

    private final SearchAnalyzers analyzers;
    /** Told after the writer was opened again from its last commit: boards behind it are read again. */
    private volatile Runnable onReopened = () -> { };

    private IndexWriter openWriter() throws IOException {
        return new IndexWriter(directory, new IndexWriterConfig(analyzers.forIndex())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(32));
    }

    /** What to do once the index was opened again after its writer failed (the feed reads boards behind it). */
    public void onReopened(Runnable action) {
        this.onReopened = action;
    }

    /**
     * Lucene closes a writer for good after an I/O error it cannot roll back (a full disk while
     * flushing: its "tragic" exception). The index is derived, so on the index's own thread it is
     * opened again from its last commit, the board seqs taken from that commit, and the feed reads
     * the boards that moved on since; until the disk has room this is tried again each tick.
     */
    private void reopenIfFailed() throws IOException {
        if (closed || writer.isOpen()) return;
        Throwable why = writer.getTragicException();
        IndexWriter fresh = openWriter();
        SearcherManager old = searchers;
        writer = fresh;
        versions.clear();
        pending.clear(); // their boards are read again from the store
        readCommit(schema);
        searchers = new SearcherManager(writer, null);
        try {
            old.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "search index: the failed writer's searchers did not close", e);
        }
        dirty = false;
        uncommitted = false;
        LOG.warning("search index: opened again from its last commit after its writer failed ("
                + (why == null ? "closed" : why.toString()) + "); boards changed since are read again");
        onReopened.run();
    }

    /** Board seqs of the last commit; an index made by other analysis starts empty (rebuilt by reading). */
    private void readCommit(String fingerprint) throws IOException {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) live.forEach(e -> data.put(e.getKey(), e.getValue()));
        if (!fingerprint.equals(data.get(SCHEMA))) {
            if (writer.getDocStats().numDocs > 0) LOG.info("search index made with other analysis: dropping it, boards are read again");
            writer.deleteAll();
            data.clear();
            data.put(SCHEMA, fingerprint);
        }
        schema = fingerprint;
        data.forEach((k, v) -> {
            if (!k.startsWith(SEQ)) return;
            BoardVersions b = new BoardVersions();
            b.seq = b.base = Long.parseLong(v);
            b.templated = true;
            versions.put(k.substring(SEQ.length()), b);
        });
    }

    private String schema;

    /** A searcher for one query; give it back with {@link #release}. */
    public IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    public void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** Applies a derived update (live or read whole); tells whether seqs were missed before it. */
    public CompletableFuture<Outcome> apply(BoardUpdate u) {
        return submit(() -> applyNow(u));
    }

    /** The highest seq applied for a board, -1 if none (as far as this index knows). */
    public CompletableFuture<Long> seq(String board) {
        return submit(() -> {
            BoardVersions b = versions.get(board);
            return b == null ? -1L : b.seq;
        });
    }

    /** Boards this index holds anything of. */
    public CompletableFuture<Set<String>> boards() {
        return submit(() -> Set.copyOf(versions.keySet()));
    }

    /**
     * A board made after this index started (rule SE-8): it starts empty at seq 0, so every later
     * batch of it arrives live; its template texts are indexed now.
     */
    public CompletableFuture<Outcome> created(String board) {
        return submit(() -> {
            if (versions.containsKey(board)) return Outcome.APPLIED;
            Optional<BoardInfo> info = boards.apply(board);
            if (info.isEmpty()) return Outcome.UNKNOWN_BOARD;
            BoardVersions b = boardVersions(board, info.get());
            b.seq = Math.max(b.seq, 0);
            b.base = Math.max(b.base, 0);
            return Outcome.APPLIED;
        });
    }

    /** Makes everything applied so far searchable now (tests and benchmarks; the thread does it by itself). */
    public CompletableFuture<Void> refresh() {
        return submit(() -> {
            refreshNow();
            return null;
        });
    }

    /** Commits now (at stop; the thread commits every {@code commitMs} by itself). */
    public CompletableFuture<Void> commit() {
        return submit(() -> {
            commitNow();
            return null;
        });
    }

    private Outcome applyNow(BoardUpdate u) throws IOException {
        Optional<BoardInfo> info = boards.apply(u.board());
        if (info.isEmpty()) return Outcome.UNKNOWN_BOARD;
        BoardVersions b = boardVersions(u.board(), info.get());
        boolean gap = b.seq >= 0 && u.seq() > b.seq + 1;
        // What a live batch takes out of the index leaves results at once (SE-5); boards read whole
        // (a start, a control change) and additions are seen at the next tick.
        boolean removed = u.whole() ? replace(u, info.get(), b) : update(u, info.get(), b);
        b.seq = Math.max(b.seq, u.seq());
        uncommitted = true;
        if (removed && !u.whole()) refreshNow();
        return gap ? Outcome.GAP : Outcome.APPLIED;
    }

    private BoardVersions boardVersions(String board, BoardInfo info) throws IOException {
        BoardVersions b = versions.computeIfAbsent(board, k -> new BoardVersions());
        if (!b.templated) {
            replaceDocs(IndexDocs.templateKey(board), IndexDocs.template(board, info, templateTexts.apply(info.template())));
            b.templated = true;
            dirty = true;
        }
        return b;
    }

    /**
     * The documents of {@code key}, replaced; none: deleted. (Lucene 10.6's updateDocuments with no
     * documents leaves bytes in its accounting that IndexWriter.close then asserts on.)
     */
    private void replaceDocs(Term key, List<Document> docs) throws IOException {
        if (docs.isEmpty()) writer.deleteDocuments(key);
        else writer.updateDocuments(key, docs);
    }

    /** Items of a live update, each only over what an older update wrote; true if anything left. */
    private boolean update(BoardUpdate u, BoardInfo info, BoardVersions b) throws IOException {
        boolean removed = false;
        for (ItemDoc doc : u.items()) {
            long written = b.items.getOrDefault(doc.item(), b.base);
            if (u.seq() < written) continue;
            Term key = IndexDocs.itemKey(u.board(), doc.item());
            List<Document> docs = IndexDocs.item(u.board(), info, u.voteOpen(), doc);
            b.items.put(doc.item(), u.seq());
            if (doc.isRemoved() || doc.owner() != null) {
                pending.remove(key);
                replaceDocs(key, docs);
                removed = true;
            } else {
                pending.put(key, docs);
            }
            dirty = true;
        }
        return removed;
    }

    /** A whole board at seq S: replaces every item not written after S (an older whole read changes nothing). */
    private boolean replace(BoardUpdate u, BoardInfo info, BoardVersions b) throws IOException {
        if (u.seq() < b.base) return false;
        flushPending();
        List<String> newer = new ArrayList<>();
        b.items.forEach((item, seq) -> {
            if (seq > u.seq()) newer.add(item);
        });
        BooleanQuery.Builder old = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexDocs.TYPE, IndexDocs.ITEM_TYPE)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexDocs.BOARD, u.board())), BooleanClause.Occur.FILTER);
        for (String item : newer) old.add(new TermQuery(IndexDocs.itemKey(u.board(), item)), BooleanClause.Occur.MUST_NOT);
        writer.deleteDocuments(old.build());
        List<Document> docs = new ArrayList<>();
        for (ItemDoc doc : u.items()) {
            if (!newer.contains(doc.item())) docs.addAll(IndexDocs.item(u.board(), info, u.voteOpen(), doc));
        }
        writer.addDocuments(docs);
        b.items.keySet().retainAll(newer);
        b.base = u.seq();
        dirty = true;
        return true;
    }

    private void refreshIfDirty() throws IOException {
        if (dirty) refreshNow();
    }

    private void refreshNow() throws IOException {
        flushPending();
        dirty = false;
        searchers.maybeRefreshBlocking();
    }

    private void commitIfChanged() throws IOException {
        if (uncommitted) commitNow();
    }

    /** Hands the gathered item documents to the writer, in the order their items were first written. */
    private void flushPending() throws IOException {
        if (pending.isEmpty()) return;
        for (Map.Entry<Term, List<Document>> e : pending.entrySet()) replaceDocs(e.getKey(), e.getValue());
        pending.clear();
    }

    private void commitNow() throws IOException {
        flushPending();
        Map<String, String> data = new HashMap<>();
        data.put(SCHEMA, schema);
        versions.forEach((board, b) -> {
            if (b.seq >= 0) data.put(SEQ + board, Long.toString(b.seq));
        });
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        uncommitted = false;
    }

    /** Documents (texts) in the index, for benchmarks and tests. */
    public int documents() {
        return writer.getDocStats().numDocs;
    }

    /** Bytes the index's files take in its directory (0 for one in memory that cannot tell). */
    public long bytesOnDisk() {
        long total = 0;
        try {
            for (String f : directory.listAll()) total += directory.fileLength(f);
        } catch (IOException e) {
            return 0; // files come and go while merges run; a size is only ever an estimate
        }
        return total;
    }

    private <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> out = new CompletableFuture<>();
        if (closed) {
            out.completeExceptionally(new IllegalStateException("search index closed"));
            return out;
        }
        try {
            thread.execute(() -> {
                try {
                    reopenIfFailed();
                    out.complete(task.call());
                } catch (Exception | Error e) {
                    LOG.log(Level.SEVERE, "search index: a write failed", e);
                    out.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            out.completeExceptionally(new IllegalStateException("search index closed", e));
        }
        return out;
    }

    private interface IoTask {
        void run() throws IOException;
    }

    private void guarded(String what, IoTask task) {
        try {
            reopenIfFailed();
            task.run();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "search index: " + what + " failed; tried again at the next tick", e);
        }
    }

    /** Commits what was applied and closes; the next start reopens it and reads only what is newer. */
    @Override
    public void close() {
        if (closed) return;
        // Last task on the writer's own thread: after everything queued, nothing can write after it.
        CompletableFuture<Void> last = submit(() -> {
            closed = true;
            try {
                commitNow();
            } finally {
                searchers.close();
                writer.close();
                directory.close();
            }
            return null;
        });
        try {
            last.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted closing the search index", e);
        } catch (Exception e) {
            throw new IllegalStateException("the search index did not close cleanly; the next start reads the boards again", e);
        } finally {
            closed = true;
            thread.shutdownNow();
        }
    }
}
