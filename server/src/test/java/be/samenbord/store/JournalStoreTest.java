package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.BoardState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static be.samenbord.store.JournalFiles.*;
import static be.samenbord.store.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Journal-specific behaviour: files on disk, snapshots, limits and lifecycle. */
class JournalStoreTest {

    @TempDir
    Path dir;

    private final List<JournalStore> opened = new ArrayList<>();

    private JournalStore open() {
        JournalStore s = new JournalStore(dir);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() throws IOException {
        for (JournalStore s : opened) s.close();
    }

    @Test
    @DisplayName("DU-4: a snapshot is renamed into place (a mark with the workshops, a file per board), leaves no .tmp and deletes the journal it covers")
    void snapshotFiles() throws IOException {
        JournalStore store = open();
        store.recover();
        await(store.append("board-a", batch(1)));
        assertTrue(store.journalBytesSinceSnapshot() > 0);
        assertEquals(List.of("journal-00000000000000000001.log"), names(segments(dir)));

        BoardState board = new BoardState("board-a", "windroos");
        board.replay(batch(1));
        await(store.snapshot(() -> CompletableFuture.completedFuture(
                new SnapshotContent(List.of(workshop("ws-1", "W", "board-a")), List.of(board.snapshot())))));
        assertEquals(0, store.journalBytesSinceSnapshot());
        assertEquals(List.of("journal-00000000000000000002.log"), names(segments(dir)));
        assertEquals(List.of("snapshot-00000000000000000002.json"), names(snapshots(dir)));
        assertEquals(List.of(), matching(dir, ".*\\.tmp"));
        JsonNode json = new ObjectMapper().readTree(snapshots(dir).getFirst().toFile());
        assertEquals("samenbord-snapshot/2", json.get("format").asText());
        assertEquals("ws-1", json.get("workshops").get(0).get("id").asText());
        assertFalse(json.has("boards"), "boards live in their own files");
        assertEquals(List.of("board-a.00000000000000000002.1.snap"), names(matching(dir.resolve("boards"), ".*")));

        await(store.append("board-a", batch(2)));
        assertTrue(store.journalBytesSinceSnapshot() > 0);
    }

    @Test
    @DisplayName("DU-2: appends keep flowing while a capture is pending; batches it already holds are dropped at recovery")
    void appendsFlowDuringSnapshot() throws IOException {
        JournalStore store = open();
        store.recover();
        BoardState board = new BoardState("board-a", "windroos");
        List<AcceptedBatch> all = new ArrayList<>();
        for (int i = 1; i <= 3; i++) all.add(submit(board, "x" + i, op("n" + i, "text", "\"" + i + "\"", i)));
        all.forEach(b -> store.append("board-a", b));

        CompletableFuture<SnapshotContent> capture = new CompletableFuture<>();
        CompletableFuture<Void> snapshotDone = store.snapshot(() -> capture);
        // Accepted after the rotation but before the capture: in the new segment and in the snapshot.
        AcceptedBatch between = submit(board, "x4", op("n4", "text", "\"4\"", 4));
        await(store.append("board-a", between));
        assertFalse(snapshotDone.isDone());
        BoardSnapshot frozen = board.snapshot();
        CompletableFuture.runAsync(() -> capture.complete(new SnapshotContent(List.of(), List.of(frozen))));
        await(snapshotDone);
        AcceptedBatch after = submit(board, "x5", op("n5", "text", "\"5\"", 5));
        await(store.append("board-a", after));
        store.close();

        StoreReads r = StoreReads.recover(open(), "board-a");
        assertEquals(Map.of("board-a", frozen), r.snapshots());
        assertEquals(Map.of("board-a", List.of(after)), r.batches());
    }

    @Test
    @DisplayName("DU-2: a failed capture fails only the snapshot; the journal keeps everything")
    void failedCaptureKeepsJournal() throws IOException {
        JournalStore store = open();
        store.recover();
        store.append("board-a", batch(1));
        CompletableFuture<Void> snap = store.snapshot(() -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
        assertInstanceOf(IllegalStateException.class, awaitFailure(snap));
        await(store.append("board-a", batch(2)));
        store.close();

        StoreReads r = StoreReads.recover(open(), "board-a");
        assertEquals(batches(1, 2), r.batches().get("board-a"));
        assertEquals(List.of(), matching(dir, "snapshot-.*"));
    }

    @Test
    @DisplayName("DU-1: an oversized record fails in its turn and the store carries on")
    void oversizedRecordFailsAlone() throws IOException {
        JournalStore store = open();
        store.recover();
        CompletableFuture<Void> before = store.append("board-a", batch(1));
        String huge = "\"" + "x".repeat(RecordFramer.MAX_PAYLOAD) + "\"";
        CompletableFuture<Void> tooBig = store.append("board-a",
                new AcceptedBatch(2, REPLICA, "big", List.of(op("n", "text", huge, 1))));
        CompletableFuture<Void> after = store.append("board-a", batch(2));
        assertInstanceOf(IllegalArgumentException.class, awaitFailure(tooBig));
        assertTrue(before.isDone());
        await(after);
        store.close();
        assertEquals(batches(1, 2), StoreReads.recover(open(), "board-a").batches().get("board-a"));
    }

    @Test
    @DisplayName("DU-2, DU-3: records and snapshots that would not read back are refused, nothing after them is lost")
    void unreadableDataRefused() throws IOException {
        JournalStore store = open();
        store.recover();
        AcceptedBatch broken = new AcceptedBatch(2, REPLICA, "broken", List.of(op("n", "text", "{\"open\":", 1)));
        store.append("board-a", batch(1));
        assertInstanceOf(IllegalArgumentException.class, awaitFailure(store.append("board-a", broken)));
        BoardSnapshot bad = new BoardSnapshot("board-a", "windroos", 2, broken.ops(), List.of());
        awaitFailure(store.snapshot(() -> CompletableFuture.completedFuture(new SnapshotContent(List.of(), List.of(bad)))));
        assertEquals(List.of(), matching(dir, "snapshot-.*"));
        await(store.append("board-a", batch(2)));
        store.close();

        StoreReads r = StoreReads.recover(open(), "board-a");
        assertEquals(batches(1, 2), r.batches().get("board-a"));
        assertEquals(List.of(), r.warnings());
    }

    @Test
    @DisplayName("DU-1: close completes everything queued before it")
    void closeDrainsQueue() throws IOException {
        JournalStore store = open();
        store.recover();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (long s = 1; s <= 300; s++) acks.add(store.append("board-a", batch(s)));
        store.close();
        for (CompletableFuture<Void> ack : acks) assertTrue(ack.isDone() && !ack.isCompletedExceptionally());
        assertEquals(batches(1, 300), StoreReads.recover(open(), "board-a").batches().get("board-a"));
    }

    @Test
    @DisplayName("DU-3: after a cut, appends go to a new segment, never after the cut point")
    void appendsAfterCutGoToNewSegment() throws IOException {
        JournalStore first = open();
        first.recover();
        for (long s = 1; s <= 3; s++) first.append("board-a", batch(s));
        first.close();
        Path segment = lastSegmentWithData(dir);
        truncate(segment, Files.size(segment) - 5);

        JournalStore second = open();
        assertEquals(1, second.recover().warnings().size());
        long cutSize = Files.size(segment);
        await(second.append("board-a", batch(3)));
        assertEquals(cutSize, Files.size(segment));
        assertNotEquals(segment, lastSegmentWithData(dir));
    }

    @Test
    @DisplayName("recover() runs once and must come before any write")
    void lifecycle() throws IOException {
        JournalStore store = open();
        assertInstanceOf(IllegalStateException.class, awaitFailure(store.append("board-a", batch(1))));
        store.recover();
        assertThrows(IllegalStateException.class, store::recover);
        store.close();
        store.close();
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }
}
