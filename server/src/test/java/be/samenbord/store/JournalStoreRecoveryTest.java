package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.BoardState;
import be.samenbord.workshop.Workshop;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static be.samenbord.store.JournalFiles.*;
import static be.samenbord.store.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Recovery of a journal directory after crashes and damage (rules DU-2, DU-3). */
class JournalStoreRecoveryTest {

    @TempDir
    Path dir;

    /** The boards these tests write. */
    private static final String[] BOARDS = {"board-a", "board-b", "board-c"};

    /**
     * Opens, recovers, reads the boards back (as they were at the start), runs {@code writes},
     * waits for durability and closes.
     */
    private static StoreReads session(Path dir, StoreAction writes) throws IOException {
        return session(dir, JournalStore.Options.defaults(), writes);
    }

    static StoreReads session(Path dir, JournalStore.Options options, StoreAction writes) throws IOException {
        try (JournalStore store = new JournalStore(dir, options)) {
            StoreReads r = StoreReads.recover(store, BOARDS);
            writes.run(store);
            await(store.flushed());
            return r;
        }
    }

    interface StoreAction {
        void run(JournalStore store) throws IOException;
    }

    private static StoreReads recoverOnly(Path dir) throws IOException {
        return session(dir, s -> { });
    }

    private static void appendAll(Store store, String board, List<AcceptedBatch> batches) {
        batches.forEach(b -> store.append(board, b));
    }

    @Test
    @DisplayName("DU-3: a tail torn at every byte of the last record is cut; earlier records and later appends survive")
    void tornTailAtEveryCutPoint() throws IOException {
        Path pristine = dir.resolve("pristine");
        session(pristine, s -> appendAll(s, "board-a", batches(1, 5)));
        Path segment = lastSegmentWithData(pristine);
        long lastStart = recordStarts(segment).getLast();
        long size = Files.size(segment);

        for (long cut = lastStart + 1; cut < size; cut++) {
            Path copy = dir.resolve("cut-" + cut);
            copyDir(pristine, copy);
            Path torn = copy.resolve(segment.getFileName());
            truncate(torn, cut);
            String where = "cut at byte " + cut + " (record starts at " + lastStart + ")";

            StoreReads r = session(copy, s -> {
                s.append("board-a", batch(5, "rewritten"));
                s.append("board-a", batch(6));
            });
            assertEquals(batches(1, 4), r.batches().get("board-a"), where);
            assertEquals(1, r.warnings().size(), where);
            assertTrue(r.warnings().getFirst().contains(segment.getFileName().toString()), where);
            assertEquals(lastStart, Files.size(torn), where);

            StoreReads again = recoverOnly(copy);
            List<AcceptedBatch> expected = new ArrayList<>(batches(1, 4));
            expected.add(batch(5, "rewritten"));
            expected.add(batch(6));
            assertEquals(expected, again.batches().get("board-a"), where);
            assertEquals(List.of(), again.warnings(), where);
        }
    }

    @Test
    @DisplayName("DU-3: a cut exactly between records loses nothing and warns about nothing")
    void cutAtRecordBoundary() throws IOException {
        session(dir, s -> appendAll(s, "board-a", batches(1, 3)));
        Path segment = lastSegmentWithData(dir);
        truncate(segment, recordStarts(segment).getLast());
        StoreReads r = recoverOnly(dir);
        assertEquals(batches(1, 2), r.batches().get("board-a"));
        assertEquals(List.of(), r.warnings());
    }

    static Stream<Named<byte[]>> garbage() {
        ByteBuffer wrongCrc = ByteBuffer.allocate(13).putInt(5).putInt(0).put("hello".getBytes(StandardCharsets.UTF_8));
        ByteBuffer notJson = RecordFramer.frame("{\"k\":\"b\",".getBytes(StandardCharsets.UTF_8));
        ByteBuffer notRecord = RecordFramer.frame("{\"k\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        byte[] huge = new byte[40];
        java.util.Arrays.fill(huge, (byte) 0x7f);
        return Stream.of(
                Named.of("impossible length", huge),
                Named.of("length beyond the file end", ByteBuffer.allocate(12).putInt(1000).putInt(7).array()),
                Named.of("short header", new byte[] {0, 0, 1}),
                Named.of("checksum mismatch", wrongCrc.array()),
                Named.of("zero-filled tail", new byte[64]),
                Named.of("valid frame, broken JSON", notJson.array()),
                Named.of("valid frame, unknown record", notRecord.array()));
    }

    @ParameterizedTest(name = "DU-3: garbage after the last record ({0}) is cut")
    @MethodSource("garbage")
    void garbageAfterTail(byte[] junk) throws IOException {
        session(dir, s -> appendAll(s, "board-a", batches(1, 3)));
        Path segment = lastSegmentWithData(dir);
        long good = Files.size(segment);
        appendBytes(segment, junk);

        StoreReads r = recoverOnly(dir);
        assertEquals(batches(1, 3), r.batches().get("board-a"));
        assertEquals(1, r.warnings().size(), r.warnings()::toString);
        assertEquals(good, Files.size(segment));
    }

    @Test
    @DisplayName("DU-3: a flipped byte in the last record's payload fails its checksum; the record is dropped")
    void flippedByteInLastPayload() throws IOException {
        session(dir, s -> appendAll(s, "board-a", batches(1, 5)));
        Path segment = lastSegmentWithData(dir);
        flipByte(segment, recordStarts(segment).getLast() + 8 + 12);

        StoreReads r = recoverOnly(dir);
        assertEquals(batches(1, 4), r.batches().get("board-a"));
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().getFirst().contains("checksum"), r.warnings()::toString);
    }

    @Test
    @DisplayName("DU-2, DU-3: damage in an older segment is copied to .corrupt and later segments are still read")
    void corruptOlderSegment() throws IOException {
        BoardState board = new BoardState("board-a", "health-matrix");
        List<AcceptedBatch> live = new ArrayList<>();
        for (int i = 1; i <= 9; i++) live.add(submit(board, "x" + i, op("n" + i, "text", "\"v" + i + "\"", i)));
        BoardSnapshot[] frozen = new BoardSnapshot[1];
        session(dir, s -> {
            appendAll(s, "board-a", live.subList(0, 2));
            BoardState at2 = new BoardState("board-a", "health-matrix");
            live.subList(0, 2).forEach(at2::replay);
            frozen[0] = at2.snapshot();
            await(s.snapshot(() -> CompletableFuture.completedFuture(new SnapshotContent(List.of(), List.of(frozen[0])))));
            appendAll(s, "board-a", live.subList(2, 6)); // seqs 3..6 land after the rotation
        });
        session(dir, s -> appendAll(s, "board-a", live.subList(6, 9))); // a newer segment: 7..9
        List<Path> segments = segments(dir);
        assertEquals(2, segments.size(), segments::toString);
        Path older = segments.getFirst();
        long damaged = recordStarts(older).get(2); // the record of seq 5
        byte[] before = Files.readAllBytes(older);
        flipByte(older, damaged + 8 + 3);

        long recordLength = recordStarts(older).get(3) - damaged;

        StoreReads r = recoverOnly(dir);
        assertEquals(Map.of("board-a", frozen[0]), r.snapshots());
        // DU-3: only the damaged record (seq 5) is lost; seq 6 after it in the same file is recovered.
        List<AcceptedBatch> expected = new ArrayList<>(live.subList(2, 4));
        expected.addAll(live.subList(5, 9));
        assertEquals(expected, r.batches().get("board-a"));
        assertEquals(2, r.warnings().size(), r.warnings()::toString); // the skipped bytes, and seq 5 missing
        Path aside = older.resolveSibling(older.getFileName() + ".corrupt-1");
        assertTrue(r.warnings().getFirst().contains(aside.getFileName().toString()), r.warnings()::toString);
        assertTrue(r.warnings().getFirst().contains("bytes " + damaged + "-" + (damaged + recordLength - 1)), r.warnings()::toString);
        assertTrue(r.warnings().get(1).contains("misses seq 5"), r.warnings()::toString);
        before[(int) (damaged + 8 + 3)] ^= 0x20; // the flip flipByte made, so the copy is byte for byte the damaged file
        assertArrayEquals(before, Files.readAllBytes(aside));
        assertEquals(before.length - recordLength, Files.size(older));
        assertEquals(List.of(), recoverOnly(dir).warnings().stream().filter(w -> w.contains("skipped")).toList());
    }

    @Test
    @DisplayName("DU-4: a leftover snapshot .tmp from an interrupted snapshot is ignored")
    void leftoverSnapshotTmpIgnored() throws IOException {
        Workshop ws = workshop("ws-1", "Werkgroep", "board-a");
        session(dir, s -> {
            s.saveWorkshop(ws);
            appendAll(s, "board-a", batches(1, 3));
        });
        Files.writeString(dir.resolve("snapshot-00000000000000000099.json.tmp"), "{\"format\":\"samenbord-snapsh");

        StoreReads r = session(dir, s -> s.append("board-a", batch(4)));
        assertEquals(List.of(ws), r.workshops());
        assertEquals(batches(1, 3), r.batches().get("board-a"));
        assertEquals(Map.of(), r.snapshots());
        assertEquals(List.of(), r.warnings());
        assertEquals(batches(1, 4), recoverOnly(dir).batches().get("board-a"));
    }

    @Test
    @DisplayName("DU-7: the only snapshot unreadable: strict refuses to start (naming the file and the setting), salvage moves it aside; a board the snapshot did not hold kept its journal (DU-6)")
    void unreadableSnapshot() throws IOException {
        session(dir, s -> {
            s.append("board-a", batch(1));
            await(s.snapshot(() -> CompletableFuture.completedFuture(new SnapshotContent(List.of(), List.of()))));
            s.append("board-a", batch(2));
        });
        Path snapshot = snapshots(dir).getFirst();
        Files.writeString(snapshot, "{\"format\":\"samenbord-snapshot/1\",\"workshops\":[");

        IOException refused = assertThrows(IOException.class, () -> recoverOnly(dir));
        assertTrue(refused.getMessage().contains(snapshot.getFileName().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("SAMENBORD_RECOVERY=salvage"), refused.getMessage());
        assertTrue(Files.exists(snapshot), "a refused start changes nothing");

        JournalStore.Options salvage = new JournalStore.Options(2, true, System::currentTimeMillis, 100, 5_000, 0);
        StoreReads r = session(dir, salvage, s -> { });
        // The capture held no board, so board-a's journal was never covered and never deleted.
        assertEquals(batches(1, 2), r.batches().get("board-a"));
        assertFalse(r.fresh());
        assertTrue(Files.exists(snapshot.resolveSibling(snapshot.getFileName() + ".corrupt-1")));
        assertEquals(List.of(), recoverOnly(dir).warnings());
    }

    @Test
    @DisplayName("DU-2: a missing or empty data dir recovers to nothing")
    void emptyDataDir() throws IOException {
        Path fresh = dir.resolve("not/yet/there");
        StoreReads r = recoverOnly(fresh);
        assertEquals(new StoreReads(List.of(), Map.of(), Map.of(), List.of(), List.of(), true), r);
        assertTrue(Files.isDirectory(fresh));
        assertEquals(r, recoverOnly(fresh));
    }

    @Test
    @DisplayName("DU-2: restoring the snapshots and replaying the batches rebuilds the live boards exactly")
    void replayRebuildsLiveState() throws IOException {
        Random random = new Random(20240611L);
        Map<String, BoardState> live = new LinkedHashMap<>();
        for (String id : List.of("board-a", "board-b", "board-c")) live.put(id, new BoardState(id, "windroos"));
        session(dir, s -> {
            for (int i = 0; i < 400; i++) {
                String id = "board-" + (char) ('a' + random.nextInt(3));
                BoardState board = live.get(id);
                String item = "note-" + random.nextInt(25);
                String field = random.nextBoolean() ? "text" : "color";
                String json = random.nextBoolean() ? "\"t" + random.nextInt(1000) + "\"" : String.valueOf(random.nextInt(50));
                var out = board.submit(REPLICA, "batch-" + i, List.of(op(item, field, json, random.nextInt(10_000))));
                if (out instanceof BoardState.Accepted a) s.append(id, a.batch());
                if (i == 150 || i == 300) {
                    List<BoardSnapshot> frozen = live.values().stream().map(BoardState::snapshot).toList();
                    s.snapshot(() -> CompletableFuture.completedFuture(new SnapshotContent(List.of(), frozen)));
                }
            }
        });

        StoreReads r = recoverOnly(dir);
        Map<String, BoardState> rebuilt = new HashMap<>();
        r.snapshots().forEach((id, snap) -> rebuilt.put(id, BoardState.restore(snap)));
        r.batches().forEach((id, list) -> list.forEach(rebuilt.computeIfAbsent(id, k -> new BoardState(k, "windroos"))::replay));
        for (BoardState board : live.values()) {
            BoardState back = rebuilt.get(board.id());
            assertEquals(board.items(), back.items(), board.id());
            assertEquals(board.seq(), back.seq(), board.id());
        }
    }

    @Test
    @DisplayName("DU-7: damaged bytes that held a workshop record refuse a strict start (naming the file and the setting); salvage keeps the rest")
    void damagedWorkshopRecordRefusesStrictStart() throws IOException {
        Workshop ws = workshop("ws-1", "Werkgroep", "board-a");
        session(dir, s -> {
            appendAll(s, "board-a", batches(1, 2));
            s.saveWorkshop(ws);
            appendAll(s, "board-a", batches(3, 5));
        });
        Path segment = segments(dir).getLast();
        long workshopRecord = recordStarts(segment).get(2);
        flipByte(segment, workshopRecord + 8 + 30);

        IOException refused = assertThrows(IOException.class, () -> recoverOnly(dir));
        assertTrue(refused.getMessage().contains(segment.getFileName().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("workshop record"), refused.getMessage());
        assertTrue(refused.getMessage().contains("SAMENBORD_RECOVERY=salvage"), refused.getMessage());

        JournalStore.Options salvage = new JournalStore.Options(2, true, System::currentTimeMillis, 100, 5_000, 0);
        StoreReads r = session(dir, salvage, s -> { });
        assertEquals(List.of(), r.workshops());
        assertEquals(batches(1, 5), r.batches().get("board-a"), "every intact record, also after the damage");
        assertTrue(Files.exists(segment.resolveSibling(segment.getFileName() + ".corrupt-1")));
    }
}
