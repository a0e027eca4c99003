package be.samenbord.bench;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.ClusterNodes;
import be.samenbord.testkit.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The systems under test that the Java load generator drives: Samenbord and the bare relay. */
final class Systems {

    private static final Pattern PG_PORT = Pattern.compile("@[^:/]+:(\\d+)/");

    /**
     * The limits of PROTOCOL.md LI-9 to LI-13 lifted for S1-S5: their load comes from one address
     * (127.0.0.1) with one participant link per 20 boards, e.g. S3's ~19,000 hellos at once and
     * S5's step-up making tens of thousands of notes per board; at the defaults the node would
     * refuse them, as it should refuse an attacker. S7 runs at the defaults.
     */
    static final Map<String, String> LOAD_LIMITS = Map.of(
            "SAMENBORD_CREATE_PER_MINUTE", "0",
            "SAMENBORD_MAX_CONN_PER_TOKEN_PER_BOARD", "1000000",
            "SAMENBORD_MAX_CONN_PER_ADDRESS_PER_BOARD", "1000000",
            "SAMENBORD_HELLO_RATE_PER_ADDRESS", "1000000",
            "SAMENBORD_HELLO_BURST_PER_ADDRESS", "1000000",
            "SAMENBORD_MAX_ITEMS_PER_BOARD", "100000000",
            "SAMENBORD_MAX_BOARD_BYTES", Integer.toString(Integer.MAX_VALUE));

    /** Everything started and not yet closed, closed by {@link #closeAll()} (a shutdown hook) on Ctrl-C. */
    private static final java.util.Set<AutoCloseable> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Systems() {
    }

    static <T extends AutoCloseable> T track(T c) {
        LIVE.add(c);
        return c;
    }

    static boolean untrack(AutoCloseable c) {
        return LIVE.remove(c);
    }

    static void closeAll() {
        for (AutoCloseable c : List.copyOf(LIVE)) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("bench: stopping " + c + ": " + e);
            }
        }
    }

    /** What a load run needs to know of a system under test. */
    interface Target extends AutoCloseable {
        String name();

        List<LoadRun.Endpoint> endpoints();

        /** {@code count} fresh boards (with a token that may write them). */
        List<LoadRun.Board> boards(int count);

        /** The server processes, for CPU, RSS and heap. */
        List<Long> pids();

        /** The processes of its store (PostgreSQL), for CPU only; none for the baselines. */
        default List<Long> storePids() {
            return List.of();
        }

        @Override
        void close();
    }

    /** Samenbord: a cluster of node processes on one PostgreSQL, or a single node on it. */
    static final class Samenbord implements Target {
        private final ClusterNodes cluster;
        private final Path dataDir;
        private final Map<String, String> env;
        private final String maxHeap;
        private final Path logDir;
        private final List<String> oldLogs = new ArrayList<>();
        private String pgUrl;
        private NodeProcess single;

        private Samenbord(ClusterNodes cluster, Path dataDir, Map<String, String> env, String maxHeap, Path logDir) {
            this.cluster = cluster;
            this.logDir = logDir;
            this.dataDir = dataDir;
            this.env = env;
            this.maxHeap = maxHeap;
        }

        /** {@code logDir}: where the nodes' logs are copied when they stop. */
        static Samenbord cluster(String pgUrl, int nodes, Path logDir) {
            ClusterNodes c = new ClusterNodes(nodes, pgUrl, LOAD_LIMITS);
            try {
                c.startAll(nodes);
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
            Samenbord s = track(new Samenbord(c, null, null, null, logDir));
            s.pgUrl = pgUrl;
            return s;
        }

        static Samenbord single(String pgUrl, String maxHeap, Path logDir) throws IOException {
            Map<String, String> env = new java.util.HashMap<>(LOAD_LIMITS);
            env.putAll(Map.of("SAMENBORD_STORE", pgUrl, "SAMENBORD_DEMO", "false",
                    "SAMENBORD_RATE_LIMIT", "100000", "SAMENBORD_RATE_BURST", "100000"));
            return single(maxHeap, logDir, env);
        }

        /** A single node with every limit at its default (S7). */
        static Samenbord singleAtDefaults(String pgUrl, String maxHeap, Path logDir) throws IOException {
            return single(maxHeap, logDir, Map.of("SAMENBORD_STORE", pgUrl, "SAMENBORD_DEMO", "false"));
        }

        private static Samenbord single(String maxHeap, Path logDir, Map<String, String> env) throws IOException {
            Samenbord s = new Samenbord(null, Files.createTempDirectory("samenbord-bench"), env, maxHeap, logDir);
            s.single = NodeProcess.start(s.dataDir, env, maxHeap);
            return track(s);
        }

        List<NodeProcess> nodes() {
            return cluster != null ? cluster.nodes() : List.of(single);
        }

        @Override
        public String name() {
            return "samenbord";
        }

        @Override
        public List<LoadRun.Endpoint> endpoints() {
            return nodes().stream().map(n -> LoadRun.Endpoint.ofHttp(n.base())).toList();
        }

        @Override
        public List<LoadRun.Board> boards(int count) {
            Api api = new Api(nodes().getFirst().base());
            List<LoadRun.Board> out = new ArrayList<>();
            while (out.size() < count) {
                int n = Math.min(20, count - out.size());
                JsonNode w = api.createWorkshop("Bench " + out.size(), Collections.nCopies(n, Workload.TEMPLATE).toArray(String[]::new));
                String token = w.path("tokens").path("participant").asText();
                w.path("boards").forEach(b -> out.add(new LoadRun.Board(b.path("id").asText(), token)));
            }
            return out;
        }

        @Override
        public List<Long> pids() {
            return nodes().stream().map(NodeProcess::pid).toList();
        }

        /** The PostgreSQL server of the store URL (found by its port on the command line) and its backends. */
        @Override
        public List<Long> storePids() {
            Matcher m = PG_PORT.matcher(env != null ? env.get("SAMENBORD_STORE") : pgUrl);
            return m.find() ? ProcessStats.processTree("postgres", "-p", m.group(1)) : List.of();
        }

        /** Items on a board, by the REST board view (after the welcome test: it loads the board). */
        int itemCount(LoadRun.Board b) {
            return new Api(nodes().getFirst().base()).get("/api/boards/" + b.id(), b.token()).body().path("items").size();
        }

        /** Single node only: SIGTERM (it flushes), then starts again on the same data; returns ms to ready. */
        long restart() {
            if (single == null) throw new IllegalStateException("restart is for a single node");
            single.terminate();
            oldLogs.add(single.log());
            long t0 = System.nanoTime();
            single = NodeProcess.start(dataDir, env, maxHeap);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        }

        @Override
        public void close() {
            if (!untrack(this)) return;
            List<String> logs = new ArrayList<>(oldLogs);
            nodes().forEach(n -> logs.add(n.log()));
            if (cluster != null) cluster.close();
            if (single != null) single.close();
            try {
                Files.createDirectories(logDir);
                for (int i = 0; i < logs.size(); i++) Files.writeString(logDir.resolve("node" + i + ".log"), logs.get(i));
            } catch (IOException e) {
                System.out.println("samenbord: could not keep the node logs: " + e);
            }
        }
    }

    /** The bare relay ({@link BareRelay}) in its own JVM on this JVM's classpath. */
    static final class Relay implements Target {
        private final ChildProcess child;
        private final int port;
        private int boards;

        private Relay(ChildProcess child, int port) {
            this.child = child;
            this.port = port;
        }

        static Relay start(String maxHeap) {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap,
                    "-cp", System.getProperty("java.class.path"), BareRelay.class.getName(), "--port", "0");
            ChildProcess c = ChildProcess.start(cmd, null);
            return new Relay(c, c.awaitReady(30));
        }

        @Override
        public String name() {
            return "relay";
        }

        @Override
        public List<LoadRun.Endpoint> endpoints() {
            return List.of(new LoadRun.Endpoint("127.0.0.1", port, "/ws"));
        }

        @Override
        public List<LoadRun.Board> boards(int count) {
            List<LoadRun.Board> out = new ArrayList<>();
            for (int i = 0; i < count; i++) out.add(new LoadRun.Board("relay-board-" + boards++, "none"));
            return out;
        }

        @Override
        public List<Long> pids() {
            return List.of(child.pid());
        }

        @Override
        public void close() {
            child.close();
        }
    }
}
