package be.samenbord.bench;

import be.samenbord.search.BoardInfo;
import be.samenbord.search.BoardUpdate;
import be.samenbord.search.ItemDoc;
import be.samenbord.search.SearchAnalyzers;
import be.samenbord.search.SearchIndex;
import be.samenbord.search.SearchRequest;
import be.samenbord.search.SearchService;
import be.samenbord.testkit.Api;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.Postgres;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.apache.lucene.store.FSDirectory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Search figures (issue 19), not timed tests: {@code source .ci/jdk.sh && mvn -q -pl server -am -Pbench
 * verify -Dbench.scenarios=Q1,Q2 -Dbench.systems=samenbord}; writes {@code server/target/bench/search.json}.
 * <ul>
 * <li>Q1: one node on the embedded store with 100,000 notes in 1,000 boards (50 workshops of 20
 * boards): query latency over HTTP as people type (one client, then four at once), the index on
 * disk, the node's live heap, its start with the index reopened and with the index deleted, and the
 * heap of the same index built alone in this JVM.</li>
 * <li>Q2: S1's load on the 3-node cluster while a probe writes a note through node 1 and asks node 3
 * for it until it is found: batch-to-searchable from the ack.</li>
 * </ul>
 */
final class SearchBench {

    private SearchBench() {
    }

    /** Runs Q1/Q2 if asked; true when nothing else was asked (the caller stops then). */
    static boolean runIfWanted(Set<String> wanted, boolean quick, Path outDir) throws Exception {
        if (!wanted.contains("Q1") && !wanted.contains("Q2")) return false;
        ObjectNode root = Report.JSON.createObjectNode();
        root.putObject("machine").setAll(ProcessStats.machine());
        if (wanted.contains("Q1")) root.set("Q1", q1(quick ? 100 : 1000, 100));
        if (wanted.contains("Q2")) root.set("Q2", q2(quick));
        Path file = outDir.resolve("search.json");
        Report.write(file, root);
        System.out.println("search results: " + file.toAbsolutePath());
        return wanted.stream().allMatch(s -> s.startsWith("Q"));
    }

    // --- Q1 --------------------------------------------------------------------------------------

    static ObjectNode q1(int boards, int notesPerBoard) throws Exception {
        ObjectNode r = Report.JSON.createObjectNode().put("boards", boards).put("notes", boards * notesPerBoard);
        Path data = Files.createTempDirectory("samenbord-bench-q1");
        Map<String, String> env = new java.util.HashMap<>(Systems.LOAD_LIMITS);
        env.put("SAMENBORD_DEMO", "false");
        List<String[]> workshops = new ArrayList<>(); // {id, token}
        try (NodeProcess node = Systems.track(NodeProcess.start(data, env, "1g"))) {
            Api api = new Api(node.base());
            List<String[]> all = new ArrayList<>(); // {board, token, workshop}
            for (int w = 0; all.size() < boards; w++) {
                JsonNode made = api.createWorkshop("Zoekbank " + w, Collections.nCopies(Math.min(20, boards - all.size()), "three-b").toArray(String[]::new));
                String token = made.path("tokens").path("participant").asText();
                workshops.add(new String[]{made.path("id").asText(), token});
                made.path("boards").forEach(b -> all.add(new String[]{b.path("id").asText(), token, made.path("id").asText()}));
            }
            long t0 = System.nanoTime();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                String[] b = all.get(i);
                int n = i;
                done.add(writers.submit(() -> fill(node.base(), b[0], b[1], n, notesPerBoard)));
            }
            for (Future<?> f : done) f.get(10, TimeUnit.MINUTES);
            writers.shutdown();
            long written = System.nanoTime();
            String[] last = all.getLast();
            waitFound(api, last[2], last[1], "merkteken" + (all.size() - 1));
            r.put("write_s", Report.round((written - t0) / 1e9))
                    .put("written_to_searchable_ms", Report.round((System.nanoTime() - written) / 1e6));
            System.out.printf("  Q1: %d notes in %d boards written in %.1f s%n", boards * notesPerBoard, boards, (written - t0) / 1e9);

            NoteTexts texts = new NoteTexts(7);
            SplittableRandom pickWorkshop = new SplittableRandom(11);
            // Right after the burst the node still writes snapshots and merges index segments:
            // 500 queries then, for the record; the figures that follow wait until it is quiet, as
            // the other scenarios do between runs (ProcessStats.settle).
            long[] busy = new long[500];
            for (int i = 0; i < busy.length; i++) {
                long q0 = System.nanoTime();
                query(api, workshops.get(pickWorkshop.nextInt(workshops.size())), texts.query());
                busy[i] = System.nanoTime() - q0;
            }
            r.set("query_ms_right_after_writes", percentiles(busy));
            r.put("settle_s", Report.round(ProcessStats.settle("samenbord", List.of(node.pid()), 120)));
            for (int i = 0; i < 300; i++) query(api, workshops.get(pickWorkshop.nextInt(workshops.size())), texts.query());
            long[] one = new long[2000];
            long totals = 0;
            Others others = Others.start(node.pid());
            for (int i = 0; i < one.length; i++) {
                long q0 = System.nanoTime();
                totals += query(api, workshops.get(pickWorkshop.nextInt(workshops.size())), texts.query());
                one[i] = System.nanoTime() - q0;
            }
            r.set("query_ms", percentiles(one));
            r.put("others_cpu_pct", others.pct());
            r.put("mean_hits_total", Report.round(totals / (double) one.length));
            r.set("query_ms_4_clients", concurrent(node.base(), workshops, 4, 500));
            System.out.printf("  Q1: right after the writes p99 %s ms; quiet after %s s%n",
                    Report.f(r.path("query_ms_right_after_writes").get("p99")), Report.f(r.path("settle_s")));
            System.out.printf("  Q1: one client p50 %s ms, p99 %s ms; four clients p99 %s ms, %s queries/s%n",
                    Report.f(r.path("query_ms").get("p50")), Report.f(r.path("query_ms").get("p99")),
                    Report.f(r.path("query_ms_4_clients").get("p99")), Report.f(r.path("query_ms_4_clients").get("per_s")));

            // The node commits its index every 5 s: what is on disk is then all of it.
            Thread.sleep(6_000);
            r.put("index_disk_mb", Report.round(du(data.resolve("search")) / 1e6));
            r.put("journal_disk_mb", Report.round((du(data) - du(data.resolve("search"))) / 1e6));
            r.put("node_live_heap_mb", ProcessStats.heapMb(List.of(node.pid())));
            node.terminate();
        }
        r.put("start_reopened_ms", startMs(data, env));
        Files.walk(data.resolve("search")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        r.put("start_rebuilt_ms", startMs(data, env));
        r.setAll(inProcessHeap(boards, notesPerBoard));
        System.out.println("  Q1: " + r);
        return r;
    }

    /** One board: 100 notes in one batch (500 ops), the last one with a marker word. */
    private static void fill(String base, String board, String token, int n, int notes) {
        NoteTexts texts = new NoteTexts(1000L + n);
        try (WsClient c = WsClient.connect(base)) {
            c.join(token, board, "benchQ1writer", "Bank");
            ObjectNode batch = WsClient.frame("ops").put("batch", "fill-" + n);
            ArrayNode ops = batch.putArray("ops");
            long ms = System.currentTimeMillis();
            int counter = 0;
            String[] zones = {"keep", "drop", "achieve-short", "achieve-long"};
            for (int i = 0; i < notes; i++) {
                String item = "n" + i;
                String text = texts.note() + (i == notes - 1 ? " merkteken" + n : "");
                Object[][] fields = {{"kind", "note"}, {"text", text}, {"zone", zones[i % zones.length]}, {"x", 40 + i * 3}, {"y", 60 + i * 2}};
                for (Object[] f : fields) {
                    ObjectNode op = ops.addObject().put("i", item).put("f", (String) f[0]);
                    op.set("v", WsClient.JSON.valueToTree(f[1]));
                    op.putArray("s").add(ms).add(counter++).add("benchQ1writer");
                }
            }
            c.send(batch);
            c.next("ack");
        }
    }

    private static void waitFound(Api api, String workshop, String token, String word) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (query(api, new String[]{workshop, token}, word + " ") == 0) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(word + " never became searchable");
            Thread.sleep(20);
        }
    }

    /** One search; its total. */
    private static long query(Api api, String[] workshop, String q) {
        Api.Reply reply = api.get("/api/workshops/" + workshop[0] + "/search?limit=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), workshop[1]);
        if (reply.status() != 200) throw new IllegalStateException("search " + q + ": " + reply.status() + " " + reply.text());
        return reply.body().path("total").asLong();
    }

    private static ObjectNode concurrent(String base, List<String[]> workshops, int clients, int each) throws Exception {
        ConcurrentLinkedQueue<Long> all = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            done.add(pool.submit(() -> {
                Api api = new Api(base);
                NoteTexts texts = new NoteTexts(100 + seed);
                SplittableRandom rnd = new SplittableRandom(200 + seed);
                for (int i = 0; i < each; i++) {
                    long q0 = System.nanoTime();
                    query(api, workshops.get(rnd.nextInt(workshops.size())), texts.query());
                    all.add(System.nanoTime() - q0);
                }
            }));
        }
        for (Future<?> f : done) f.get(10, TimeUnit.MINUTES);
        pool.shutdown();
        double secs = (System.nanoTime() - t0) / 1e9;
        ObjectNode p = percentiles(all.stream().mapToLong(Long::longValue).toArray());
        return p.put("per_s", Report.round(all.size() / secs));
    }

    private static long startMs(Path data, Map<String, String> env) {
        long t0 = System.nanoTime();
        try (NodeProcess node = Systems.track(NodeProcess.start(data, env, "1g"))) {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            node.terminate();
            return ms;
        }
    }

    /** CPU that processes other than the node and this benchmark used meanwhile, in % of one core. */
    private record Others(long pid, long machine0, long node0, long self0, long t0) {
        static Others start(long pid) {
            return new Others(pid, ProcessStats.machineBusyTicks(), ProcessStats.cpuTicks(pid),
                    ProcessStats.cpuTicks(ProcessHandle.current().pid()), System.nanoTime());
        }

        double pct() {
            long others = ProcessStats.machineBusyTicks() - machine0 - (ProcessStats.cpuTicks(pid) - node0)
                    - (ProcessStats.cpuTicks(ProcessHandle.current().pid()) - self0);
            return Report.round(others / 100.0 / ((System.nanoTime() - t0) / 1e9) * 100);
        }
    }

    /**
     * The same index built alone in this JVM: the heap used with it open (writer, searcher,
     * versions) after GC, how long indexing took, and the search itself without HTTP (query,
     * totals, snippets) for the same kind of queries.
     */
    private static ObjectNode inProcessHeap(int boards, int notesPerBoard) throws Exception {
        Path dir = Files.createTempDirectory("samenbord-bench-index");
        long before = usedAfterGc();
        SearchIndex index = new SearchIndex(FSDirectory.open(dir), new SearchAnalyzers(),
                b -> Optional.of(new BoardInfo("w" + (Integer.parseInt(b.substring(1)) / 20), "nl", "three-b")), t -> List.of(), 100, 60_000);
        try {
            long t0 = System.nanoTime();
            for (int b = 0; b < boards; b++) {
                NoteTexts texts = new NoteTexts(1000L + b);
                List<ItemDoc> docs = new ArrayList<>(notesPerBoard);
                for (int i = 0; i < notesPerBoard; i++) {
                    docs.add(new ItemDoc("n" + i, "note", Map.of("text", texts.note()), "keep", null, null, null, List.of()));
                }
                index.apply(new BoardUpdate("b" + b, 1, true, false, docs));
            }
            index.refresh().get(10, TimeUnit.MINUTES);
            index.commit().get(10, TimeUnit.MINUTES);
            double indexS = (System.nanoTime() - t0) / 1e9;
            long after = usedAfterGc();
            ObjectNode out = Report.JSON.createObjectNode().put("in_process_index_heap_mb", Report.round((after - before) / 1e6))
                    .put("in_process_index_s", Report.round(indexS)).put("in_process_index_disk_mb", Report.round(du(dir) / 1e6));
            SearchAnalyzers analyzers = new SearchAnalyzers();
            try (SearchService service = new SearchService(index, analyzers, 1, 1)) {
                NoteTexts texts = new NoteTexts(7);
                SplittableRandom rnd = new SplittableRandom(11);
                int workshops = Math.max(1, boards / 20);
                for (int i = 0; i < 500; i++) service.searchNow(SearchRequest.of("w" + rnd.nextInt(workshops), texts.query(), null), "nl");
                long[] took = new long[3000];
                for (int i = 0; i < took.length; i++) {
                    SearchRequest q = SearchRequest.of("w" + rnd.nextInt(workshops), texts.query(), null);
                    long q0 = System.nanoTime();
                    service.searchNow(q, "nl");
                    took[i] = System.nanoTime() - q0;
                }
                out.set("in_process_query_ms", percentiles(took));
            }
            return out;
        } finally {
            index.close();
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long du(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static ObjectNode percentiles(long[] nanos) {
        long[] s = nanos.clone();
        java.util.Arrays.sort(s);
        ObjectNode p = Report.JSON.createObjectNode().put("n", s.length);
        if (s.length == 0) return p;
        for (double q : new double[]{0.5, 0.9, 0.99}) {
            p.put("p" + Math.round(q * 100), Report.round(s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)] / 1e6));
        }
        return p.put("max", Report.round(s[s.length - 1] / 1e6));
    }

    // --- Q2 --------------------------------------------------------------------------------------

    static ObjectNode q2(boolean quick) throws Exception {
        Scenarios.Spec s1 = quick ? new Scenarios.Spec(200, 40, 2, 10, 1, 2, 4) : new Scenarios.Spec(1000, 200, 2, 10, 1, 4, 10);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try (Postgres pg = Postgres.start();
             Systems.Samenbord cluster = Systems.Samenbord.cluster(pg.createDatabase("bench_search"), 3, Path.of("server/target/bench/logs/search"))) {
            List<NodeProcess> nodes = cluster.nodes();
            Api one = new Api(nodes.get(0).base());
            Api three = new Api(nodes.get(2).base());
            JsonNode w = one.createWorkshop("Zoekproef", "three-b");
            String[] workshop = {w.path("id").asText(), w.path("tokens").path("participant").asText()};
            String board = w.path("boards").get(0).path("id").asText();
            query(three, workshop, "warm");
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> misses = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread probe = new Thread(() -> probe(nodes.get(0).base(), board, workshop, three, latencies, misses, stop), "search-probe");
            probe.start();
            ObjectNode load = new Scenarios(vertx).load(cluster, s1);
            stop.set(true);
            probe.join(30_000);
            ObjectNode r = Report.JSON.createObjectNode().put("load", "S1 " + s1);
            r.set("ack_to_found_on_other_node_ms", percentiles(latencies.stream().mapToLong(Long::longValue).toArray()));
            r.put("not_found_within_10s", misses.size());
            r.set("s1_batches_per_s", load.get("batches_per_s"));
            r.set("s1_fanout_ms", load.get("fanout_ms"));
            r.set("s1_others_cpu_pct", load.get("others_cpu_pct"));
            System.out.println("  Q2: " + r);
            return r;
        } finally {
            vertx.close().await(20, TimeUnit.SECONDS);
        }
    }

    /** n as letters only (a..z, at least four), so the word is one token that no other note has. */
    static String letters(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4 || n > 0; i++, n /= 26) b.append((char) ('a' + n % 26));
        return b.toString();
    }

    /** Writes a note with a word of its own through node 1, then asks node 3 until it finds it; again until stopped. */
    private static void probe(String base, String board, String[] workshop, Api other, ConcurrentLinkedQueue<Long> latencies,
                              ConcurrentLinkedQueue<String> misses, AtomicBoolean stop) {
        try (WsClient c = WsClient.connect(base)) {
            c.join(workshop[1], board, "benchSearchProbe", "Proef");
            be.samenbord.testkit.OpsBuilder ops = new be.samenbord.testkit.OpsBuilder("benchSearchProbe");
            for (int n = 0; !stop.get(); n++) {
                String word = "proef" + letters(n);
                String batch = "p-" + n;
                c.send(ops.note(batch, "p" + n, "Zoekproef " + word + " tijdens de last", "keep"));
                c.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals(batch));
                long acked = System.nanoTime();
                boolean found = false;
                while (!found && System.nanoTime() - acked < TimeUnit.SECONDS.toNanos(10)) {
                    found = query(other, workshop, word + " ") > 0;
                    if (!found) Thread.sleep(5);
                }
                if (found) latencies.add(System.nanoTime() - acked);
                else misses.add(word);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.out.println("  Q2 probe stopped: " + e);
        }
    }
}
