package be.samenbord.search;

import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finding "empty replace left the writer open": replacing an item's documents with none (a deleted
 * note; a board whose template has no texts) through IndexWriter.updateDocuments left Lucene 10.6's
 * byte accounting off, IndexWriter.close then failed its assertion (tests run with -ea), the writer
 * was left half closed and the node's stop reported a problem (SE-8). Such replacements are deletes now.
 */
class SearchIndexCloseTest {

    private static SearchIndex open(Path dir) throws Exception {
        return new SearchIndex(FSDirectory.open(dir), new SearchAnalyzers(), b -> Optional.of(new BoardInfo("w1", "nl", "three-b")),
                t -> List.of(), 20, 60_000);
    }

    @Test
    @DisplayName("SE-8 finding: after removals and a board without template texts the index closes, and opens again with its seqs")
    void closesAndReopens() throws Exception {
        Path dir = Files.createTempDirectory("samenbord-search-close");
        SearchIndex index = open(dir);
        index.apply(new BoardUpdate("b1", 1, false, false,
                List.of(new ItemDoc("n1", "note", Map.of("text", "Rustmoment"), "keep", null, null, null, List.of())))).get(10, TimeUnit.SECONDS);
        index.apply(new BoardUpdate("b1", 2, false, false, List.of(ItemDoc.removed("n1")))).get(10, TimeUnit.SECONDS);
        assertDoesNotThrow(index::close, "closing commits and closes the writer cleanly");
        SearchIndex again = open(dir);
        try {
            assertEquals(2L, again.seq("b1").get(10, TimeUnit.SECONDS), "the last commit holds the board's seq");
            assertEquals(0, again.documents());
        } finally {
            again.close();
        }
    }
}
