package be.samenbord.search;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An index in memory with boards written as items, for tests of what search finds (no node):
 * boards belong to workshops given here; notes are written as registers with stamps of a replica.
 */
final class SearchFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    final SearchAnalyzers analyzers = new SearchAnalyzers();
    final SearchIndex index;
    final SearchService service;
    final BoardDocs docs = new BoardDocs(IndexRules.standard(List.of("title", "need", "driver")));
    private final Map<String, BoardInfo> boards = new HashMap<>();
    private final Map<String, Items> items = new HashMap<>();
    private final Map<String, Long> seqs = new HashMap<>();
    /** Workshop → its language, as {@code Search} looks it up for each search. */
    private final Map<String, String> langs = new HashMap<>();
    private long ms = 1_700_000_000_000L;

    SearchFixture() {
        this(new ByteBuffersDirectory());
    }

    SearchFixture(org.apache.lucene.store.Directory directory) {
        try {
            index = new SearchIndex(directory, analyzers, b -> Optional.ofNullable(boards.get(b)), t -> List.of(), 20, 60_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = new SearchService(index, analyzers, 1, 16);
    }

    SearchFixture board(String board, String workshop, String lang) {
        boards.put(board, new BoardInfo(workshop, lang, "three-b"));
        langs.put(workshop, lang);
        items.put(board, new Items());
        return this;
    }

    /** Writes registers (field, value pairs; values as Java objects) of one item, stamped by {@code replica}. */
    SearchFixture write(String board, String replica, String item, Object... fieldsAndValues) {
        Items state = items.get(board);
        for (int i = 0; i + 1 < fieldsAndValues.length; i += 2) {
            try {
                state.apply(new Op(item, (String) fieldsAndValues[i], JSON.writeValueAsString(fieldsAndValues[i + 1]),
                        new Stamp(++ms, 0, replica)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return this;
    }

    SearchFixture note(String board, String replica, String item, String text) {
        return write(board, replica, item, "kind", "note", "text", text, "zone", "keep");
    }

    /** Indexes every board whole as it is now and makes it searchable. */
    SearchFixture index() {
        try {
            for (String board : items.keySet()) {
                long seq = seqs.merge(board, 1L, Long::sum);
                index.apply(docs.whole(board, "three-b", seq, items.get(board))).get(10, TimeUnit.SECONDS);
            }
            index.refresh().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    SearchResult search(String workshop, String query) {
        return search(SearchRequest.of(workshop, query, null));
    }

    SearchResult search(SearchRequest request) {
        try {
            return service.searchNow(request, langs.getOrDefault(request.workshop(), SearchAnalyzers.NL));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Item ids of the hits, best first. */
    List<String> found(String workshop, String query) {
        return search(workshop, query).hits().stream().map(SearchResult.Hit::item).toList();
    }

    @Override
    public void close() {
        service.close();
        index.close();
    }
}
