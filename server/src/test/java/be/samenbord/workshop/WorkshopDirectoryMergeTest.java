package be.samenbord.workshop;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CU-9 in a node's directory: announcements merge (a set union of boards) and misses read through. */
class WorkshopDirectoryMergeTest {

    private static final Map<Role, String> HASHES = Map.of(Role.FACILITATOR, "hf", Role.PARTICIPANT, "hp", Role.OBSERVER, "ho");

    private static Workshop workshop(String... boards) {
        return new Workshop("ws", "Titel", 1L, HASHES, java.util.Arrays.stream(boards).map(b -> new Workshop.BoardRef(b, "windroos")).toList());
    }

    private static List<String> ids(Workshop w) {
        return w.boards().stream().map(Workshop.BoardRef::id).toList();
    }

    @Test
    @DisplayName("CU-9 (finding 6): two nodes' announcements of additions arrive in either order; the directory keeps both")
    void announcementsMerge() {
        WorkshopDirectory d = new WorkshopDirectory(new Tokens(new SecureRandom()));
        d.add(workshop("base"));
        d.add(workshop("base", "from-a"));
        d.add(workshop("base", "from-b"));
        assertEquals(List.of("base", "from-a", "from-b"), ids(d.workshop("ws").orElseThrow()));
        assertEquals("ws", d.workshopOfBoard("from-a").orElseThrow().id());
        assertTrue(d.workshopOfBoard("from-b").orElseThrow().hasBoard("from-a"), "every index holds the latest merge");
        // A later read of the same additions (e.g. from the store) brings its order along.
        d.add(workshop("base", "from-b", "from-a"));
        assertEquals(List.of("base", "from-b", "from-a"), ids(d.workshop("ws").orElseThrow()));
        // An old announcement arriving late takes nothing away.
        d.add(workshop("base"));
        assertEquals(List.of("base", "from-b", "from-a"), ids(d.workshop("ws").orElseThrow()));
    }

    @Test
    @DisplayName("CU-9: a miss reads the workshop from the store once, however many ask at the same time; a single node never reads")
    void missesReadThrough() {
        WorkshopDirectory single = new WorkshopDirectory(new Tokens(new SecureRandom()));
        assertFalse(single.readsThrough());
        assertFalse(single.readBoard("unknown").join());

        WorkshopDirectory d = new WorkshopDirectory(new Tokens(new SecureRandom()));
        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<Optional<Workshop>> answer = new CompletableFuture<>();
        d.readThrough(new WorkshopDirectory.Store() {
            @Override
            public CompletableFuture<Optional<Workshop>> workshop(String id) {
                reads.incrementAndGet();
                return CompletableFuture.completedFuture(Optional.empty());
            }

            @Override
            public CompletableFuture<Optional<Workshop>> workshopOfBoard(String board) {
                reads.incrementAndGet();
                return answer;
            }
        });
        assertTrue(d.readsThrough());
        CompletableFuture<Boolean> first = d.readBoard("b2");
        CompletableFuture<Boolean> second = d.readBoard("b2");
        assertSame(first, second, "one read for concurrent misses of one board");
        answer.complete(Optional.of(workshop("b1", "b2")));
        assertTrue(first.join());
        assertEquals(1, reads.get());
        assertTrue(d.authenticate("any").isEmpty(), "tokens are hashes: a plain token finds nothing");
        assertEquals(List.of("b1", "b2"), ids(d.workshopOfBoard("b1").orElseThrow()));
        assertFalse(d.readWorkshop("other").join(), "a workshop the store does not have stays unknown");
    }
}
