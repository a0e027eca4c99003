package be.samenbord.search;

import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.template.Template;
import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Search, put together (PROTOCOL.md SE-1..SE-9): the index, its feed and the searches. One node on
 * the embedded store keeps its index in {@code <data dir>/search} and reopens it at start; a
 * cluster member keeps it in memory and reads every board at start. Either way the store is the
 * source of truth: the index may be deleted while the node is stopped and comes back whole.
 */
public final class Search implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Search.class.getName());

    private final SearchIndex index;
    private final SearchService service;
    private final SearchFeed feed;
    private final WorkshopDirectory directory;

    /** How the node runs search. {@code indexDir} null: in memory (cluster). */
    public record Options(Path indexDir, long refreshMs, long commitMs, int threads, int queue, boolean clustered) {
    }

    public Search(Options options, WorkshopDirectory directory, TemplateCatalog templates, List<String> ficheFields,
                  Function<String, Optional<CompletableFuture<BoardSnapshot>>> snapshots,
                  Function<String, java.util.OptionalLong> storedSeqs, Vertx vertx, ObjectMapper json) {
        this.directory = directory;
        SearchAnalyzers analyzers = new SearchAnalyzers();
        Map<String, List<TemplateTexts.Text>> texts = new ConcurrentHashMap<>();
        Function<String, List<TemplateTexts.Text>> templateTexts = id -> texts.computeIfAbsent(id,
                k -> templates.find(k).map(Template::json).map(TemplateTexts::of).orElse(List.of()));
        this.index = open(options, analyzers, templateTexts);
        this.service = new SearchService(index, analyzers, options.threads(), options.queue());
        this.feed = new SearchFeed(new BoardDocs(IndexRules.standard(ficheFields)), index, this::allBoards, snapshots, storedSeqs, vertx,
                options.clustered(), json);
        index.onReopened(feed::resync);
    }

    private SearchIndex open(Options o, SearchAnalyzers analyzers, Function<String, List<TemplateTexts.Text>> templateTexts) {
        try {
            return new SearchIndex(directory(o.indexDir()), analyzers, this::boardInfo, templateTexts, o.refreshMs(), o.commitMs());
        } catch (IOException | RuntimeException first) {
            if (o.indexDir() == null) throw new IllegalStateException("search index could not open in memory", first);
            // The index is derived: one that does not open (damaged files) is dropped and rebuilt (SE-8).
            LOG.log(Level.WARNING, "search index in " + o.indexDir() + " does not open; dropping it, every board is read again", first);
            try {
                deleteTree(o.indexDir());
                return new SearchIndex(directory(o.indexDir()), analyzers, this::boardInfo, templateTexts, o.refreshMs(), o.commitMs());
            } catch (IOException e) {
                throw new UncheckedIOException("search index could not be made in " + o.indexDir(), e);
            }
        }
    }

    private static Directory directory(Path dir) throws IOException {
        if (dir == null) return new ByteBuffersDirectory();
        Files.createDirectories(dir);
        return FSDirectory.open(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private Optional<BoardInfo> boardInfo(String board) {
        return directory.workshopOfBoard(board).flatMap(w -> w.boards().stream().filter(b -> b.id().equals(board)).findFirst()
                .map(b -> new BoardInfo(w.id(), w.lang(), b.template())));
    }

    private List<String> allBoards() {
        List<String> out = new ArrayList<>();
        for (Workshop w : directory.all()) w.boards().forEach(b -> out.add(b.id()));
        return out;
    }

    /** What the node's boards tell search about their batches (set on the registry before serving). */
    public SearchFeed feed() {
        return feed;
    }

    /** Starts feeding; completes once every board was read once (a cluster keeps trying the rest). */
    public CompletableFuture<Void> start() {
        return feed.start();
    }

    /** A search, off the event loop; fails with {@link SearchService.Busy} when too many run. */
    public CompletableFuture<SearchResult> search(SearchRequest request) {
        String lang = directory.workshop(request.workshop()).map(Workshop::lang).orElse(Workshop.LANGUAGES.get(0));
        return service.search(request, lang);
    }

    /** The index itself (tests and benchmarks: refresh now, sizes). */
    public SearchIndex index() {
        return index;
    }

    @Override
    public void close() {
        feed.stop();
        service.close();
        index.close();
    }
}
