package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.BoardState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import static be.samenbord.store.JournalFiles.*;
import static be.samenbord.store.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Per-board snapshots of the embedded store (rules DU-2, DU-4, DU-6, DU-7): a snapshot writes only
 * the boards that changed (plus, once, those whose older generation still needs the journal it
 * frees), loading a board reads only its own file and records, and a damaged board file falls back
 * to the board's previous one without losing anything.
 */
class PerBoardSnapshotTest {

    @TempDir
    Path dir;

    private final List<JournalStore> opened = new ArrayList<>();
    private final Map<String, BoardState> live = new LinkedHashMap<>();
    /** The boards each snapshot asked for, in order. */
    private final List<Set<String>> asked = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (JournalStore s : opened) s.close();
    }

    private JournalStore open(JournalStore.Options options) throws IOException {
        JournalStore s = new JournalStore(dir, options);
        opened.add(s);
        s.recover();
        return s;
    }

    /** One new note on {@code board}, appended and durable. */
    private void edit(JournalStore store, String board) {
        BoardState state = live.computeIfAbsent(board, id -> new BoardState(id, "windroos"));
        int n = (int) state.seq() + 1;
        AcceptedBatch b = submit(state, board + "-" + n, op(board + "-n" + n, "text", "\"" + board + " " + n + "\"", 1_000 + n));
        await(store.append(board, b));
        state.markDurable(b.seq());
    }

    /** A snapshot whose capture gives exactly the boards asked for, from the live states. */
    private void snapshot(JournalStore store) {
        await(store.snapshot(wanted -> {
            asked.add(new TreeSet<>(wanted));
            List<BoardSnapshot> boards = wanted.stream().map(id -> live.get(id).snapshot()).toList();
            return CompletableFuture.completedFuture(new SnapshotContent(List.of(workshop("ws", "W", "a", "b", "c")), boards));
        }));
    }

    private List<Path> boardFiles() throws IOException {
        return matching(dir.resolve("boards"), ".*\\.snap");
    }

    private static long bytes(List<Path> files) throws IOException {
        long n = 0;
        for (Path p : files) n += Files.size(p);
        return n;
    }

    @Test
    @DisplayName("DU-2, DU-6: a snapshot writes only the boards changed since their last one (then once more for the older generation), unchanged boards never")
    void onlyChangedBoardsWritten() throws IOException {
        JournalStore store = open(JournalStore.Options.defaults());
        for (String b : List.of("a", "b", "c")) for (int i = 0; i < 3; i++) edit(store, b);
        snapshot(store);
        assertEquals(Set.of("a", "b", "c"), asked.get(0));
        List<Path> first = boardFiles();
        assertEquals(3, first.size(), first::toString);

        edit(store, "b");
        snapshot(store);
        assertEquals(Set.of("b"), asked.get(1), "only the changed board");
        List<Path> second = new ArrayList<>(boardFiles());
        second.removeAll(first);
        assertEquals(1, second.size(), second::toString);
        assertTrue(second.getFirst().getFileName().toString().startsWith("b."), second.toString());
        long written = bytes(second);
        assertTrue(written > 0 && written < bytes(first), "one board's file, not all: " + written + " of " + bytes(first));

        snapshot(store);
        assertEquals(Set.of("b"), asked.get(2),
                "b once more: its older file needs b's records in the segment this snapshot frees (DU-6)");
        snapshot(store);
        assertEquals(Set.of(), asked.get(3), "nothing changed: nothing written");
        snapshot(store);
        assertEquals(Set.of(), asked.get(4));
        // Two files per board at most (SAMENBORD_SNAPSHOTS_KEPT = 2), and the journal before them is gone.
        assertEquals(4, boardFiles().size(), boardFiles()::toString);
        assertEquals(2, snapshots(dir).size());
        store.close();

        JournalStore again = new JournalStore(dir);
        opened.add(again);
        StoreReads back = StoreReads.recover(again, "a", "b", "c");
        for (String b : List.of("a", "b", "c")) {
            BoardState rebuilt = BoardState.restore(back.snapshots().get(b));
            back.batches().getOrDefault(b, List.of()).forEach(rebuilt::replay);
            assertEquals(live.get(b).items(), rebuilt.items(), b);
            assertEquals(live.get(b).seq(), rebuilt.seq(), b);
        }
    }

    @Test
    @DisplayName("DU-2: loading a board reads only its own file and records: every other board's file can be garbage")
    void loadReadsOnlyItsOwnBoard() throws IOException {
        JournalStore store = open(JournalStore.Options.defaults());
        for (String b : List.of("a", "b", "c")) edit(store, b);
        snapshot(store);
        edit(store, "b");
        store.close();
        for (Path p : boardFiles()) {
            if (!p.getFileName().toString().startsWith("b.")) Files.writeString(p, "not a board file");
        }
        store = open(JournalStore.Options.defaults());
        Store.BoardLoad b = await(store.loadBoard("b"));
        assertEquals(List.of(), b.warnings());
        assertEquals(1, b.snapshot().seq());
        assertEquals(1, b.batches().size());
        assertEquals(2, b.batches().getFirst().seq());
    }

    @Test
    @DisplayName("DU-6: a damaged newest board file falls back to the board's previous file plus the journal after it, losing nothing; the file is kept aside")
    void damagedBoardFileFallsBack() throws IOException {
        JournalStore store = open(JournalStore.Options.defaults());
        edit(store, "a");
        edit(store, "a");
        snapshot(store);
        edit(store, "a");
        edit(store, "b");
        snapshot(store); // a's second file, at seq 3
        edit(store, "a");
        store.close();
        List<Path> aFiles = matching(dir.resolve("boards"), "a\\..*\\.snap");
        assertEquals(2, aFiles.size(), aFiles::toString);
        Path newest = aFiles.getLast();
        assertTrue(newest.getFileName().toString().endsWith(".3.snap"), newest.toString());
        flipByte(newest, Files.size(newest) - 10);

        store = open(JournalStore.Options.defaults());
        Store.BoardLoad a = await(store.loadBoard("a"));
        assertEquals(2, a.snapshot().seq(), "the previous file");
        assertEquals(List.of(3L, 4L), a.batches().stream().map(AcceptedBatch::seq).toList(), "and every record after it");
        BoardState rebuilt = BoardState.restore(a.snapshot());
        a.batches().forEach(rebuilt::replay);
        assertEquals(live.get("a").items(), rebuilt.items());
        assertTrue(a.warnings().getFirst().contains("fell back"), a.warnings()::toString);
        assertTrue(Files.exists(newest.resolveSibling(newest.getFileName() + ".corrupt-1")), "kept aside");
        assertFalse(Files.exists(newest));
        assertEquals(List.of(), await(store.loadBoard("a")).warnings(), "said once; the next load reads the previous file");
    }

    @Test
    @DisplayName("DU-7: no file of a board reads: a strict store refuses to load it (naming the file and the setting); salvage serves what the journal holds")
    void unreadableBoardRefusedUnlessSalvage() throws IOException {
        JournalStore store = open(JournalStore.Options.defaults());
        edit(store, "a");
        snapshot(store);
        edit(store, "a");
        edit(store, "b");
        store.close();
        Path only = matching(dir.resolve("boards"), "a\\..*\\.snap").getFirst();
        Files.writeString(only, "garbage");

        store = open(JournalStore.Options.defaults());
        Throwable refused = awaitFailure(store.loadBoard("a"));
        assertTrue(refused.getMessage().contains(only.getFileName().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("SAMENBORD_RECOVERY=salvage"), refused.getMessage());
        assertTrue(Files.exists(only), "a refused load changes nothing");
        assertEquals(1, await(store.loadBoard("b")).batches().size(), "other boards load as ever");
        store.close();

        store = open(new JournalStore.Options(2, true, System::currentTimeMillis, 100, 5_000, 0));
        Store.BoardLoad a = await(store.loadBoard("a"));
        assertNull(a.snapshot());
        assertEquals(List.of(2L), a.batches().stream().map(AcceptedBatch::seq).toList());
        assertTrue(Files.exists(only.resolveSibling(only.getFileName() + ".corrupt-1")));
    }

    @Test
    @DisplayName("DU-2: a data directory of the first format (every board inside the snapshot) starts, and its boards move into board files once")
    void firstFormatSnapshotMigrates() throws IOException {
        JournalStore store = open(JournalStore.Options.defaults());
        edit(store, "a");
        edit(store, "b");
        snapshot(store);
        edit(store, "a");
        store.close();
        // Rewrite the mark as the old format would have written it: workshops and every board.
        Path mark = snapshots(dir).getFirst();
        StringBuilder boards = new StringBuilder();
        for (Path p : boardFiles()) {
            String board = p.getFileName().toString().substring(0, 1);
            if (!boards.isEmpty()) boards.append(',');
            boards.append(PgRecords.board(firstOf(board)));
            Files.delete(p);
        }
        Files.writeString(mark, "{\"format\":\"samenbord-snapshot/1\",\"workshops\":[],\"boards\":[" + boards + "]}");

        store = open(JournalStore.Options.defaults());
        assertEquals(2, boardFiles().size(), "each board of the old snapshot in its own file");
        assertEquals("samenbord-snapshot/2", JournalRecords.MAPPER.readTree(mark.toFile()).path("format").asText());
        Store.BoardLoad a = await(store.loadBoard("a"));
        assertEquals(1, a.snapshot().seq());
        assertEquals(List.of(2L), a.batches().stream().map(AcceptedBatch::seq).toList());
    }

    /** Board {@code id} as it was at seq 1 (as {@link #edit} made it). */
    private BoardSnapshot firstOf(String id) {
        BoardState s = new BoardState(id, "windroos");
        s.submit(REPLICA, id + "-1", List.of(op(id + "-n1", "text", "\"" + id + " 1\"", 1_001)));
        return s.snapshot();
    }
}
