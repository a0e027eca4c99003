package be.samenbord.search;

import be.samenbord.testkit.Poll;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding of the CI rehearsal (StoreFaultsIT on a real full tmpfs): Lucene's IndexWriter closed
 * itself after "No space left on device" while flushing, and the index took no update until the
 * node restarted, while the store resumed by itself (issue 13: "service resumes without restart").
 * The directory here fails writes as a full disk does; the IndexWriter is Lucene's own.
 */
class SearchIndexDiskFullTest {

    /** A directory whose files fail to write while {@link #full} is set, as on a full disk. */
    static final class FullableDirectory extends FilterDirectory {
        final AtomicBoolean full = new AtomicBoolean();

        FullableDirectory() {
            super(new ByteBuffersDirectory());
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            if (full.get()) throw new IOException("No space left on device");
            return super.createOutput(name, context);
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
            if (full.get()) throw new IOException("No space left on device");
            return super.createTempOutput(prefix, suffix, context);
        }
    }

    private static ItemDoc note(String item, String text) {
        return new ItemDoc(item, "note", Map.of("text", text), "keep", null, null, null, List.of());
    }

    @Test
    @DisplayName("SE-8, DU-5: a writer failed on a full disk is opened again from its last commit once there is room; boards behind it are read again")
    void writerFailedOnAFullDiskIsOpenedAgain() throws Exception {
        FullableDirectory dir = new FullableDirectory();
        try (SearchFixture f = new SearchFixture(dir).board("b1", "w1", "nl")) {
            AtomicInteger reopened = new AtomicInteger();
            f.index.onReopened(reopened::incrementAndGet);
            f.index.apply(new BoardUpdate("b1", 1, false, false, List.of(note("n1", "werkdruk")))).get(10, TimeUnit.SECONDS);
            f.index.refresh().get(10, TimeUnit.SECONDS);
            f.index.commit().get(10, TimeUnit.SECONDS);
            assertEquals(List.of("n1"), f.found("w1", "werkdruk "));

            dir.full.set(true);
            // Taking the update may already fail (the refresh tick flushes); either way it is not durable.
            f.index.apply(new BoardUpdate("b1", 2, false, false, List.of(note("n2", "overleg")))).handle((v, e) -> null).get(10, TimeUnit.SECONDS);
            // Flushing needs new files: it fails, and Lucene closes the writer for good (its tragic exception).
            assertTrue(f.index.commit().handle((v, e) -> e != null).get(10, TimeUnit.SECONDS), "a commit on a full disk fails");

            dir.full.set(false);
            // The next write opens the index again from its last commit (seq 1) and tells the feed.
            assertEquals(1L, f.index.seq("b1").get(10, TimeUnit.SECONDS));
            assertEquals(1, reopened.get());
            assertEquals(List.of("n1"), f.found("w1", "werkdruk "), "what was committed is still found");
            // What the feed reads again (board b1 from seq 1 on) is taken as before the failure.
            assertEquals(SearchIndex.Outcome.APPLIED,
                    f.index.apply(new BoardUpdate("b1", 2, false, false, List.of(note("n2", "overleg")))).get(10, TimeUnit.SECONDS));
            f.index.refresh().get(10, TimeUnit.SECONDS);
            Poll.until("n2 searchable after the disk has room", Duration.ofSeconds(5), () -> f.found("w1", "overleg ").equals(List.of("n2")));
            f.index.commit().get(10, TimeUnit.SECONDS);
            assertFalse(dir.full.get());
        }
    }
}
