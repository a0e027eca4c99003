package be.samenbord.bench;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scenario M1 (issue 13, item 8: memory that follows the work): one node on the embedded store,
 * 1 GiB heap. It prints the live heap (the total of {@code jcmd GC.class_histogram}, after its full GC):
 * <ol>
 *   <li>per board of 1,000 notes (written one note per batch, a session still on it), over the
 *       heap with one such board already there (it warms the node up); with
 *       {@code -Dbench.m1.histogram=true} the classes that grew most;</li>
 *   <li>after 10,000 boards were each touched once (hello, one note, bye): right after, and once the
 *       boards' idle time has passed (with unloading they leave memory);</li>
 *   <li>the start of a node on that data directory: wall time to "ready", the node's own recovery
 *       figure, and the heap right after.</li>
 * </ol>
 * Not a timed test: a measurement. Run against another build with {@code -Dsamenbord.jar=...} to
 * compare (the "before" figures of BENCHMARKS.md come from main's jar this way).
 * Shape: {@code -Dbench.M1=boards,notes,bigBoards,idleMs} (default {@code 10000,1000,4,2000}).
 */
final class MemoryScenario {

    private static final Pattern RECOVERED = Pattern.compile("recovered (\\d+) workshops.*? in (\\d+) ms");

    private final int boards;
    private final int notes;
    private final int bigBoards;
    private final long idleMs;

    MemoryScenario() {
        String v = System.getProperty("bench.M1", "");
        long[] x = v.isBlank() ? new long[] {10_000, 1_000, 4, 2_000}
                : java.util.Arrays.stream(v.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
        if (x.length != 4) throw new IllegalArgumentException("bench.M1 needs 4 numbers (boards,notes,bigBoards,idleMs): " + v);
        boards = (int) x[0];
        notes = (int) x[1];
        bigBoards = (int) x[2];
        idleMs = x[3];
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SAMENBORD_DEMO", "false");
        env.put("SAMENBORD_RATE_LIMIT", "1000000");
        env.put("SAMENBORD_RATE_BURST", "1000000");
        env.put("SAMENBORD_SNAPSHOT_BYTES", Integer.toString(1 << 20));
        env.put("SAMENBORD_SNAPSHOT_CHECK_MS", "1000");
        // A build without unloading reports this variable as unknown and goes on.
        env.put("SAMENBORD_BOARD_IDLE_MS", Long.toString(idleMs));
        return env;
    }

    ObjectNode run() throws Exception {
        ObjectNode r = Report.JSON.createObjectNode();
        r.put("jar", System.getProperty("samenbord.jar", "target/samenbord.jar"));
        Path dataDir = Files.createTempDirectory("samenbord-m1");
        Map<String, String> env = env();
        try (NodeProcess node = Systems.track(NodeProcess.start(dataDir, env, "1g"))) {
            Api api = new Api(node.base());
            Map<String, long[]> emptyClasses = Boolean.getBoolean("bench.m1.histogram") ? ProcessStats.classes(node.pid()) : Map.of();
            double empty = heap(node);
            r.put("empty_heap_mb", empty);
            System.out.printf("  M1 empty node: heap %.1f MB%n", empty);

            // 1. Boards of 1,000 notes, their sessions still on them.
            List<WsClient> writers = new ArrayList<>();
            try {
                JsonNode w = api.createWorkshop("M1 groot", Collections.nCopies(bigBoards + 1, "windroos").toArray(String[]::new));
                String token = w.path("tokens").path("participant").asText();
                // Board 0 warms the node up (classes, compiled code, the search index's buffers): the
                // boards after it are measured against the heap with it, so only what a board keeps counts.
                double warm = 0;
                for (int b = 0; b <= bigBoards; b++) {
                    String board = w.path("boards").get(b).path("id").asText();
                    WsClient c = WsClient.connect(node.base());
                    writers.add(c);
                    c.join(token, board, "replicaM1big" + b, "Schrijver " + b);
                    writeNotes(c, "replicaM1big" + b, notes);
                    if (b == 0) {
                        indexCommitted(dataDir);
                        warm = heap(node);
                        if (Boolean.getBoolean("bench.m1.histogram")) emptyClasses = ProcessStats.classes(node.pid());
                    }
                }
                indexCommitted(dataDir);
                double withBig = heap(node);
                double perBoard = (withBig - warm) / bigBoards;
                r.put("heap_per_board_mb", Report.round(perBoard)).put("notes_per_board", notes).put("big_boards", bigBoards);
                System.out.printf("  M1 %d boards of %,d notes after one more: heap %.1f MB (%.1f MB with the first), %.2f MB per board%n",
                        bigBoards, notes, withBig, warm, perBoard);
                if (Boolean.getBoolean("bench.m1.histogram")) System.out.print(ProcessStats.growth(node.pid(), emptyClasses, 30));
            } finally {
                writers.forEach(WsClient::close);
            }

            // 2. 10,000 boards, each touched once.
            long t = System.nanoTime();
            List<String[]> all = createBoards(api, boards);
            r.put("create_s", Report.round((System.nanoTime() - t) / 1e9));
            double created = heap(node);
            t = System.nanoTime();
            touchAll(node.base(), all);
            r.put("touch_s", Report.round((System.nanoTime() - t) / 1e9));
            double touched = heap(node);
            int loadedNow = loaded(api);
            r.put("boards", boards).put("heap_after_create_mb", created).put("heap_after_touch_mb", touched).put("loaded_after_touch", loadedNow);
            System.out.printf("  M1 %,d boards created: heap %.1f MB; each touched once: heap %.1f MB (%,d boards in memory)%n",
                    boards, created, touched, loadedNow);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(idleMs * 3 + 15_000);
            while (loaded(api) > 0 && System.nanoTime() < deadline) waitABit();
            double idle = heap(node);
            int loadedIdle = loaded(api);
            if (Boolean.getBoolean("bench.m1.histogram")) System.out.println(ProcessStats.histogram(node.pid(), 25));
            r.put("heap_after_idle_mb", idle).put("loaded_after_idle", loadedIdle);
            System.out.printf("  M1 after the idle time: heap %.1f MB (%,d boards in memory)%n", idle, loadedIdle);
            node.terminate();
        }
        r.put("data_dir_mb", Report.round(dirBytes(dataDir) / 1e6));

        // 3. A start on that data.
        long t = System.nanoTime();
        try (NodeProcess node = Systems.track(NodeProcess.start(dataDir, env, "1g"))) {
            double startMs = (System.nanoTime() - t) / 1e6;
            Matcher m = RECOVERED.matcher(node.log());
            Long recoveredMs = m.find() ? Long.parseLong(m.group(2)) : null;
            double heap = heap(node);
            r.put("start_ms", Report.round(startMs)).put("recovery_ms", recoveredMs).put("heap_after_start_mb", heap);
            System.out.printf("  M1 start on %,d boards (%.0f MB of data): ready after %.0f ms (recovery %s ms), heap %.1f MB%n",
                    boards, dirBytes(dataDir) / 1e6, startMs, recoveredMs, heap);
            node.terminate();
        }
        return r;
    }

    /**
     * Waits (at most 30 s) until the search index has committed twice more, so that what was just
     * written has left its in-memory indexing buffer: otherwise whether a heap reading falls just
     * before or after a commit (every 5 s) moves the per-board figure by up to a megabyte.
     */
    private static void indexCommitted(Path dataDir) throws InterruptedException {
        long from = commitGeneration(dataDir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (commitGeneration(dataDir) < from + 2 && System.nanoTime() < deadline) waitABit();
    }

    /** Lucene's newest commit generation in the node's search index ({@code segments_<gen in base 36>}); -1 for none. */
    private static long commitGeneration(Path dataDir) {
        try (Stream<Path> files = Files.list(dataDir.resolve("search"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("segments_"))
                    .mapToLong(n -> Long.parseLong(n.substring("segments_".length()), Character.MAX_RADIX)).max().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double heap(NodeProcess node) {
        Double mb = ProcessStats.heapMb(List.of(node.pid()));
        if (mb == null) throw new IllegalStateException("jcmd could not read the node's heap");
        return mb;
    }

    private static int loaded(Api api) {
        return api.get("/health", null).body().path("boards").asInt();
    }

    private static void waitABit() throws InterruptedException {
        Thread.sleep(200);
    }

    /** Writes {@code count} notes, one per batch, up to 200 unacknowledged at once. */
    private static void writeNotes(WsClient c, String replica, int count) {
        OpsBuilder ops = new OpsBuilder(replica);
        int acked = 0;
        for (int i = 0; i < count; i++) {
            // Places spread over a 1,600 × 900 board, as people put notes: coordinates differ from note to note.
            String item = "note-" + i;
            c.send(OpsBuilder.batch("n" + i, ops.op(item, "kind", "note"), ops.op(item, "text", "notitie " + i + " met wat tekst, zoals op een echt bord"),
                    ops.op(item, "zone", "south"), ops.op(item, "x", 20 + (i * 37) % 1600), ops.op(item, "y", 20 + (i * 53) % 900)));
            if (i - acked >= 200) {
                c.next("ack");
                acked++;
            }
        }
        while (acked < count) {
            c.next("ack");
            acked++;
        }
    }

    /** {@code count} boards (windroos, 20 per workshop): board id and a participant token each. */
    private static List<String[]> createBoards(Api api, int count) {
        List<String[]> out = new ArrayList<>();
        while (out.size() < count) {
            int n = Math.min(20, count - out.size());
            JsonNode w = api.createWorkshop("M1 " + out.size(), Collections.nCopies(n, "windroos").toArray(String[]::new));
            String token = w.path("tokens").path("participant").asText();
            w.path("boards").forEach(b -> out.add(new String[] {b.path("id").asText(), token}));
        }
        return out;
    }

    /** Each board: a session says hello, writes one note, waits for its ack and leaves. */
    private static void touchAll(String base, List<String[]> boards) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < boards.size(); i = next.getAndIncrement()) {
                        String replica = "replicaM1t" + worker + "x" + i;
                        try (WsClient c = WsClient.connect(base)) {
                            c.join(boards.get(i)[1], boards.get(i)[0], replica, "Bezoeker");
                            c.send(new OpsBuilder(replica).note("t", "note-t", "een keer aangeraakt", "south"));
                            c.next("ack");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) f.get(30, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long dirBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
