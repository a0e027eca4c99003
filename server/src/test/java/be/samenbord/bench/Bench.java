package be.samenbord.bench;

import be.samenbord.testkit.Postgres;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The load benchmark: Samenbord, a bare Vert.x relay and Hocuspocus (Yjs) under the same
 * workload, scenario by scenario. Run it with {@code source .ci/jdk.sh && mvn -q -pl server -am
 * -Pbench verify} (options -Dbench.scenarios=S1,S2 and -Dbench.quick=true). Prints a table per
 * scenario and writes {@code server/target/bench/results.json}. Scenario M1 (memory and start
 * time, Samenbord only) runs only when named: {@code -Dbench.scenarios=M1}.
 */
public final class Bench {

    static final int S3_TARGET = 20_000;
    /** S3 is measured twice: right after everyone joined ("cold") and after this many more seconds of traffic. */
    static final int S3_WARM_S = 20;
    /** Samenbord nodes for S1, S2, S4 (catch-up) and S6: -Dbench.nodes (default 3; 1 = a single node on PostgreSQL). */
    static final int NODES = Integer.getInteger("bench.nodes", 3);

    private final boolean quick;
    private final Set<String> wanted;
    private final Set<String> systems = new TreeSet<>(Arrays.asList(
            System.getProperty("bench.systems", "samenbord,relay,hocuspocus").toLowerCase().split("\\s*,\\s*")));
    private final Path outDir;
    private final Path hocusDir;
    private final Map<String, ObjectNode> scenarios = new LinkedHashMap<>();
    private Scenarios.Spec s1;
    private Scenarios.Spec s2;
    private Scenarios.Spec s3;
    private final Scenarios.StepSpec s5;
    private final Scenarios.StepSpec s6;
    private final Scenarios.HostileSpec s7;
    private final int catchUpRounds;
    private Scenarios run;

    private Bench(boolean quick, Set<String> wanted, Path outDir, Path hocusDir) {
        this.quick = quick;
        this.wanted = wanted;
        this.outDir = outDir;
        this.hocusDir = hocusDir;
        int s3Clients = Math.min(S3_TARGET, ProcessStats.openFilesLimit() - 1000);
        if (quick) {
            s1 = new Scenarios.Spec(200, 40, 2, 10, 1, 2, 4);
            s2 = new Scenarios.Spec(60, 1, 0.1, 0.2, 1, 2, 4);
            s3 = new Scenarios.Spec(Math.min(2000, s3Clients), 100, 2, 0.1, 200, 2, 4);
            s5 = new Scenarios.StepSpec(50, 10, 10, new double[] {1, 8, 64}, 1, 2, 25);
            s6 = new Scenarios.StepSpec(15, 1, 1, new double[] {1, 8, 64}, 1, 2, 25);
            s7 = new Scenarios.HostileSpec(10, 1500, 4, 1, 4);
            catchUpRounds = 1;
        } else {
            s1 = new Scenarios.Spec(1000, 200, 2, 10, 1, 4, 10);
            s2 = new Scenarios.Spec(300, 1, 0.1, 0.2, 1, 3, 8);
            s3 = new Scenarios.Spec(s3Clients, 1000, 2, 0.1, 200, 3, 8);
            s5 = new Scenarios.StepSpec(100, 20, 10, new double[] {1, 4, 16, 64, 256}, 1.5, 3, 25);
            s6 = new Scenarios.StepSpec(30, 1, 1, new double[] {1, 4, 16, 64}, 1.5, 3, 25);
            s7 = new Scenarios.HostileSpec(10, 1500, 4, 2, 10);
            catchUpRounds = 3;
        }
        s1 = override("S1", s1);
        s2 = override("S2", s2);
        s3 = override("S3", s3);
        String fd = "target 20,000 connections; the hard open-files limit here is " + ProcessStats.openFilesLimit()
                + " per process and the server and the load generator each need one descriptor per connection, so "
                + s3.clients() + " (1,000 kept for the processes' own files)";
        add("S1", "load", s1.clients() + " editors on " + s1.boards() + " boards at " + s1.rate() + " batches/s, presence "
                + s1.presenceHz() + " Hz; Samenbord on " + NODES + " node(s), relay and Hocuspocus 1 process each");
        add("S2", "load", s2.clients() + " editors on one board at " + s2.rate() + " batches/s, presence " + s2.presenceHz()
                + " Hz; Samenbord on " + NODES + " node(s)").put("note", String.format(java.util.Locale.ROOT,
                "rates lowered from S1's (2 batches/s, 10 Hz): on one board every frame goes to all %d others, so S1's rates "
                + "would mean %.0f frames/s out, beyond 2 shared cores; these mean %.0f ops + %.0f presence frames/s out",
                s2.clients() - 1, s2.clients() * 12.0 * (s2.clients() - 1), s2.clients() * s2.rate() * (s2.clients() - 1),
                s2.clients() * s2.presenceHz() * (s2.clients() - 1)));
        add("S3", "load", s3.clients() + " mostly idle connections on " + s3.boards() + " boards, one node with 1 GiB heap; all send"
                + " presence at " + s3.presenceHz() + " Hz, 1 in " + s3.activeEvery() + " also edits at " + s3.rate()
                + " batches/s (Hocuspocus' idle mode: presence only, so no fan-out figures)")
                .put("note", fd).put("target_clients", S3_TARGET).put("clients", s3.clients());
        add("S4", "catchup", "reconnect catch-up after " + Scenarios.CATCHUP_OPS + " missed ops (median of " + catchUpRounds
                + "), cold load of a 2,000-note board after a node restart").put("note", "the relay keeps nothing across a restart "
                + "(no cold load); Hocuspocus has no persistence here, its cold load is a new client's sync of a 2,000-note "
                + "document held in server memory, comparable to Samenbord's warm load");
        add("S5", "stepup", "step-up on one Samenbord node (1 GiB): " + s5.clients() + " editors on " + s5.boards()
                + " boards, presence " + s5.presenceHz()
                + " Hz, rate per client " + Arrays.toString(s5.rates()) + "; best step with p99 fan-out <= " + s5.p99LimitMs()
                + " ms, no errors, >= 95 % of offered batches acknowledged");
        add("S6", "stepup", "step-up on one hot board on the Samenbord cluster (" + NODES + " node(s), PostgreSQL): " + s6.clients()
                + " editors on one board spread over the nodes (a plenary typing at once), presence " + s6.presenceHz()
                + " Hz, rate per client " + Arrays.toString(s6.rates()) + "; best step with p99 fan-out <= " + s6.p99LimitMs()
                + " ms; goal: at least half of S5's one-node figure (Samenbord only)");
        add("S7", "hostile", "hostile: one user editing a board at " + s7.rate() + " batches/s on one Samenbord node with every"
                + " limit at its default; ack latency alone (" + s7.measureS() + " s), then while " + s7.hellos() + " hellos on the same"
                + " participant link and " + s7.pingFlooders() + " ping flooders hit the board from the same address")
                .put("note", "the user joined before the attack; Samenbord only (the baselines have no limits to test)");
    }

    /** -Dbench.S1=clients,boards,rate,presenceHz,activeEvery,warmupS,measureS replaces a load scenario's shape. */
    private static Scenarios.Spec override(String id, Scenarios.Spec spec) {
        String v = System.getProperty("bench." + id);
        if (v == null || v.isBlank()) return spec;
        double[] x = Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
        if (x.length != 7) throw new IllegalArgumentException("bench." + id + " needs 7 numbers: " + v);
        return new Scenarios.Spec((int) x[0], (int) x[1], x[2], x[3], (int) x[4], x[5], x[6]);
    }

    private ObjectNode add(String id, String kind, String title) {
        ObjectNode s = Report.JSON.createObjectNode().put("id", id).put("title", title).put("kind", kind);
        s.putObject("results");
        scenarios.put(id, s);
        return s;
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Set<String> wanted = new TreeSet<>(Arrays.asList(System.getProperty("bench.scenarios", "S1,S2,S3,S4,S5,S6,S7").toUpperCase().split("\\s*,\\s*")));
        // Search figures (issue 19, SearchBench): -Dbench.scenarios=Q1,Q2.
        if (SearchBench.runIfWanted(wanted, Boolean.getBoolean("bench.quick"), Path.of(System.getProperty("bench.out", "server/target/bench")))) return;
        Bench b = new Bench(Boolean.getBoolean("bench.quick"), wanted, Path.of(System.getProperty("bench.out", "server/target/bench")),
                Path.of(System.getProperty("bench.hocuspocus", "server/src/bench/hocuspocus")));
        ObjectNode root = Report.JSON.createObjectNode();
        ObjectNode machine = root.putObject("machine").setAll(ProcessStats.machine());
        root.put("started", Instant.now().toString()).put("quick", b.quick);
        System.out.println("Samenbord load benchmark" + (b.quick ? " (quick)" : "") + ": " + machine.path("cores") + " cores ("
                + machine.path("cpu").asText() + "), " + machine.path("memory_gb") + " GB, " + machine.path("jdk").asText() + ", "
                + machine.path("os").asText() + ", load average " + machine.path("load_average_at_start").asText());
        // On Ctrl-C: stop every process this run started (by pid), as the finally blocks would have.
        Runtime.getRuntime().addShutdownHook(new Thread(Systems::closeAll, "bench-cleanup"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            b.run = new Scenarios(vertx);
            b.samenbord();
            b.relay();
            b.hocuspocus();
            b.memory(root);
        } finally {
            vertx.close().await(20, TimeUnit.SECONDS);
        }
        b.finish(root, t0);
    }

    private Path logs(String name) {
        return outDir.resolve("logs").resolve("samenbord-" + name);
    }

    private boolean any(String... ids) {
        return Arrays.stream(ids).anyMatch(wanted::contains);
    }

    private void samenbord() {
        if (!systems.contains("samenbord") || !any("S1", "S2", "S3", "S4", "S5", "S6", "S7")) return;
        try (Postgres pg = Postgres.start()) {
            if (any("S1", "S2", "S4", "S6")) {
                long t = System.nanoTime();
                String url = pg.createDatabase("bench_cluster");
                try (Systems.Samenbord c = NODES == 1 ? Systems.Samenbord.single(url, "512m", logs("cluster"))
                        : Systems.Samenbord.cluster(url, NODES, logs("cluster"))) {
                    System.out.printf("samenbord: %d node(s) ready in %d ms%n", NODES, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
                    javaScenarios(c, "S4", "S2", "S1", "S6");
                }
            }
            if (any("S3", "S4", "S5")) {
                try (Systems.Samenbord one = Systems.Samenbord.single(pg.createDatabase("bench_single"), "1g", logs("single"))) {
                    javaScenarios(one, "S3", "S5");
                    if (wanted.contains("S4")) step("S4", "samenbord", one.pids(), () -> run.coldLoad(one, 2000));
                }
            }
            if (any("S7")) {
                try (Systems.Samenbord one = Systems.Samenbord.singleAtDefaults(pg.createDatabase("bench_hostile"), "512m", logs("hostile"))) {
                    step("S7", "samenbord", one.pids(), () -> run.hostile(one, s7));
                }
            }
        } catch (Exception e) {
            System.out.println("samenbord: could not run: " + LoadRun.shortText(e));
            e.printStackTrace(System.out);
        }
    }

    /** Scenario M1 (only when asked for: -Dbench.scenarios=M1): Samenbord's heap and start, see {@link MemoryScenario}. */
    private void memory(ObjectNode root) {
        if (!wanted.contains("M1")) return;
        System.out.println("M1: memory per board and after many boards, start time (one node, embedded store)");
        try {
            root.set("memory", new MemoryScenario().run());
        } catch (Exception e) {
            System.out.println("M1 failed: " + LoadRun.shortText(e));
            e.printStackTrace(System.out);
            root.putObject("memory").put("error", LoadRun.shortText(e));
        }
    }

    private void relay() {
        if (!systems.contains("relay") || !any("S1", "S2", "S3", "S4", "S5")) return;
        try (Systems.Relay r = Systems.Relay.start("1g")) {
            // Not S6: one process has no nodes to spread a board over; S6's goal is against S5 (and the 10-minute budget).
            javaScenarios(r, "S4", "S2", "S1", "S3", "S5");
        } catch (RuntimeException e) {
            System.out.println("relay: could not run: " + LoadRun.shortText(e));
        }
    }

    private void javaScenarios(Systems.Target t, String... ids) {
        for (String id : ids) {
            if (!wanted.contains(id)) continue;
            switch (id) {
                case "S1" -> step(id, t.name(), t.pids(), () -> run.load(t, s1));
                case "S2" -> step(id, t.name(), t.pids(), () -> run.load(t, s2));
                case "S3" -> step(id, t.name(), t.pids(), () -> run.load(t, s3, quick ? 5 : S3_WARM_S));
                case "S4" -> step(id, t.name(), t.pids(), () -> run.catchUp(t, catchUpRounds));
                case "S5" -> step(id, t.name(), t.pids(), () -> run.stepUp(t, s5));
                case "S6" -> step(id, t.name(), t.pids(), () -> run.stepUp(t, s6));
                default -> throw new IllegalArgumentException(id);
            }
        }
    }

    private void hocuspocus() {
        if (!systems.contains("hocuspocus") || !any("S1", "S2", "S3", "S4", "S5")) return;
        String why = Hocuspocus.unavailable(hocusDir);
        if (why != null) {
            System.out.println("hocuspocus: not available (" + why + ")");
            scenarios.values().forEach(s -> ((ObjectNode) s.get("results")).putObject("hocuspocus").put("unavailable", why));
            return;
        }
        try (Hocuspocus h = Hocuspocus.start(hocusDir)) {
            Path out = outDir.resolve("hocuspocus-last.json");
            Files.createDirectories(outDir);
            step("S1", "hocuspocus", List.of(h.pid()), () -> h.load("load", s1.clients(), s1.boards(), s1.rate(), s1.presenceHz(), s1.warmupS(), s1.measureS(), out));
            step("S2", "hocuspocus", List.of(h.pid()), () -> h.load("load", s2.clients(), s2.boards(), s2.rate(), s2.presenceHz(), s2.warmupS(), s2.measureS(), out));
            // Hocuspocus' idle mode gives no fan-out figure, only its memory and CPU with S3's connections:
            // 45 s of the 10-minute budget, so only when asked for.
            if (Boolean.getBoolean("bench.hocuspocusIdle")) {
                step("S3", "hocuspocus", List.of(h.pid()), () -> h.load("idle", s3.clients(), s3.boards(), s3.rate(), s3.presenceHz(), s3.warmupS(), s3.measureS(), out));
            } else if (wanted.contains("S3")) {
                ((ObjectNode) scenarios.get("S3").get("results")).putObject("hocuspocus")
                        .put("skipped", "no fan-out figure in Hocuspocus' idle mode; -Dbench.hocuspocusIdle=true runs it");
            }
            step("S4", "hocuspocus", List.of(h.pid()), () -> {
                String rounds = Integer.toString(catchUpRounds);
                ObjectNode r = h.load("catchup", Scenarios.CATCHUP_WRITERS, 1, 2, 0, 2, 10, out, "--rounds", rounds);
                ObjectNode cold = h.load("coldload", 1, 1, 2, 0, 0, 10, out, "--rounds", rounds);
                r.set("coldload_ms", cold.get("coldload_ms"));
                return r;
            });
            step("S5", "hocuspocus", List.of(h.pid()), () -> Scenarios.stepLoop("hocuspocus", s5, rate ->
                    h.load("load", s5.clients(), s5.boards(), rate, s5.presenceHz(), s5.warmupS(), s5.measureS(), out)));
        } catch (RuntimeException | java.io.IOException e) {
            System.out.println("hocuspocus: could not run: " + LoadRun.shortText(e));
        }
    }

    interface Step {
        ObjectNode run() throws Exception;
    }

    /**
     * Runs one system in one scenario; a failure is recorded and the benchmark goes on. Afterwards
     * it waits (at most 10 s) until the server processes are quiet again, so that a backlog does
     * not spill into the next scenario.
     */
    private void step(String id, String system, List<Long> pids, Step step) {
        if (!wanted.contains(id)) return;
        ObjectNode results = (ObjectNode) scenarios.get(id).get("results");
        long t = System.nanoTime();
        ObjectNode r;
        try {
            r = step.run();
        } catch (Exception e) {
            r = Report.JSON.createObjectNode().put("error", LoadRun.shortText(e));
            System.out.println("  " + id + " " + system + " failed:");
            e.printStackTrace(System.out);
        }
        ObjectNode prior = results.has(system) ? (ObjectNode) results.get(system) : null;
        ObjectNode merged = Report.JSON.createObjectNode().put("system", system).put("scenario", id);
        if (prior != null) merged.setAll(prior);
        merged.setAll(r);
        // The shape the Hocuspocus load script writes too: every key present, null where it does not apply.
        for (String k : List.of("mode", "clients", "connected", "fanout_ms", "ack_ms", "batches_per_s", "deliveries_per_s", "errors",
                "catchup_ms", "coldload_ms", "server_rss_mb", "server_heap_mb", "server_cpu_pct")) {
            if (!merged.has(k)) merged.putNull(k);
        }
        results.set(system, merged);
        System.out.printf("  %s %-10s done in %.1f s: %s%n", id, system, (System.nanoTime() - t) / 1e9, summary(merged));
        ProcessStats.settle(system, pids);
    }

    private static String summary(ObjectNode r) {
        if (r.has("error") && !r.has("coldload_ms")) return "error " + r.path("error").asText();
        if (r.has("steps")) return "best " + Report.f(r.path("best").get("batches_per_s")) + " batches/s";
        if (r.path("mode").asText().equals("hostile")) return "user ack p99 alone " + Report.f(r.path("quiet").path("ack_ms").get("p99"))
                + " ms, under attack " + Report.f(r.path("hostile").path("ack_ms").get("p99")) + " ms";
        if (r.path("mode").asText().equals("catchup")) return "catch-up " + Report.f(r.get("catchup_ms")) + " ms, cold load "
                + Report.f(r.get("coldload_ms")) + " ms";
        return "p99 fan-out " + Report.f(r.path("fanout_ms").get("p99")) + " ms, " + Report.f(r.get("batches_per_s"))
                + " batches/s, errors " + Report.f(r.get("errors")) + (r.has("error_kinds") && !r.get("error_kinds").isEmpty()
                ? " " + r.get("error_kinds") : "");
    }

    private void finish(ObjectNode root, long t0) throws java.io.IOException {
        var list = root.putArray("scenarios");
        for (ObjectNode s : scenarios.values()) {
            if (!wanted.contains(s.path("id").asText())) continue;
            String kind = s.path("kind").asText();
            Map<String, String[]> figures = new LinkedHashMap<>();
            if (kind.equals("load")) {
                figures.put("p99_fanout", new String[] {"fanout_ms", "p99"});
                figures.put("throughput", new String[] {"batches_per_s"});
            } else if (kind.equals("catchup")) {
                figures.put("catchup", new String[] {"catchup_ms"});
                figures.put("coldload", new String[] {"coldload_ms"});
                // Hocuspocus' "coldload" is a new client's sync of a board in server memory: Samenbord's warm load.
                figures.put("warmload_vs_coldload", new String[] {"warmload_ms", "|", "coldload_ms"});
            } else if (kind.equals("hostile")) {
                // Nothing to compare with: the baselines have no limits.
            } else {
                figures.put("p99_fanout", new String[] {"best", "fanout_ms", "p99"});
                figures.put("max_throughput", new String[] {"best", "batches_per_s"});
            }
            if (!figures.isEmpty()) Report.ratios(s, figures);
            list.add(s);
            Report.printScenario(System.out, s);
        }
        System.out.println();
        System.out.println(Report.LEGEND);
        double wall = (System.nanoTime() - t0) / 1e9;
        root.put("wall_s", Report.round(wall));
        Path file = outDir.resolve("results.json");
        Report.write(file, root);
        System.out.printf("%nresults: %s%ntotal wall time: %.0f s (%.1f min)%n", file.toAbsolutePath(), wall, wall / 60);
    }
}
