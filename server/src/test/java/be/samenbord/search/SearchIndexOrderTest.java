package be.samenbord.search;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SE-8: updates may arrive late, twice or out of order (a cluster's event bus, a board read whole
 * while it is being written); the index still ends with each item's newest state.
 */
class SearchIndexOrderTest {

    SearchFixture f;

    @BeforeEach
    void open() {
        f = new SearchFixture().board("b1", "w1", "nl");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static ItemDoc note(String item, String text) {
        return new ItemDoc(item, "note", Map.of("text", text), "keep", null, null, null, List.of());
    }

    private SearchIndex.Outcome apply(long seq, boolean whole, ItemDoc... docs) throws Exception {
        SearchIndex.Outcome o = f.index.apply(new BoardUpdate("b1", seq, whole, false, List.of(docs))).get(10, TimeUnit.SECONDS);
        f.index.refresh().get(10, TimeUnit.SECONDS);
        return o;
    }

    private List<String> found(String q) {
        return f.found("w1", q + " ");
    }

    @Test
    @DisplayName("SE-8: an older update never overwrites a newer one, and a repeated one changes nothing")
    void olderNeverOverwritesNewer() throws Exception {
        apply(2, false, note("n1", "hardlopen"));
        apply(1, false, note("n1", "zwemmen"));
        assertEquals(List.of("n1"), found("hardlopen"));
        assertEquals(List.of(), found("zwemmen"));
        apply(3, false, ItemDoc.removed("n1"));
        apply(2, false, note("n1", "hardlopen"));
        assertEquals(List.of(), found("hardlopen"), "a late copy of an older update does not bring a deleted note back");
    }

    @Test
    @DisplayName("SE-8: a board read whole at seq S replaces what is older and keeps items written after S")
    void wholeReadKeepsNewerItems() throws Exception {
        apply(1, false, note("a", "appel"), note("b", "peer"));
        apply(5, false, note("c", "kers"));
        apply(4, true, note("a", "abrikoos"), note("c", "oudekers"));
        assertEquals(List.of("a"), found("abrikoos"));
        assertEquals(List.of(), found("peer"), "b was gone in the state at seq 4");
        assertEquals(List.of("c"), found("kers"), "c was written at seq 5, after the read");
        assertEquals(List.of(), found("oudekers"));
        apply(3, true, note("a", "appel"));
        assertEquals(List.of("a"), found("abrikoos"), "a whole read older than the last one changes nothing");
    }

    @Test
    @DisplayName("SE-8: a seq that jumps tells the feed to read the board whole")
    void gaps() throws Exception {
        assertEquals(SearchIndex.Outcome.APPLIED, apply(1, false));
        assertEquals(SearchIndex.Outcome.APPLIED, apply(2, false));
        assertEquals(SearchIndex.Outcome.GAP, apply(4, false));
        assertEquals(SearchIndex.Outcome.APPLIED, apply(3, false), "a late one is no gap");
        assertEquals(SearchIndex.Outcome.UNKNOWN_BOARD,
                f.index.apply(new BoardUpdate("nope", 1, false, false, List.of())).get(10, TimeUnit.SECONDS));
    }
}
