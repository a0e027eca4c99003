package be.samenbord.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The Yjs baseline through its command-line contract ({@code server/src/bench/hocuspocus/}):
 * {@code node server.mjs --port 0} prints {@code READY <port>}; {@code node load.mjs --url ...
 * --mode load|idle|catchup|coldload ... --out <file>} runs its own clients and writes the result
 * JSON in the same shape as ours. This class adds the server's CPU and RSS, sampled while the
 * load runs: the window is the last {@code duration} seconds before the load process ends.
 */
final class Hocuspocus implements AutoCloseable {

    private final Path dir;
    private final ChildProcess server;
    private final int port;

    private Hocuspocus(Path dir, ChildProcess server, int port) {
        this.dir = dir;
        this.server = server;
        this.port = port;
    }

    /** Null when usable, else why not (files missing, no node, npm ci failed). Runs npm ci if needed. */
    static String unavailable(Path dir) {
        for (String f : List.of("server.mjs", "load.mjs", "package.json", "package-lock.json")) {
            if (!Files.isRegularFile(dir.resolve(f))) return "no " + dir.resolve(f);
        }
        if (run(List.of("node", "--version"), 20) != 0) return "node is not installed";
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            System.out.println("hocuspocus: npm ci --prefix " + dir);
            if (run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", dir.toString()), 300) != 0) return "npm ci failed";
        }
        return null;
    }

    private static int run(List<String> cmd, int seconds) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static Hocuspocus start(Path dir) {
        ChildProcess c = ChildProcess.start(List.of("node", dir.resolve("server.mjs").toString(), "--port", "0"), dir);
        return new Hocuspocus(dir, c, c.awaitReady(30));
    }

    /** Runs load.mjs once; returns its JSON plus server_* figures (heap: null, not a JVM). */
    ObjectNode load(String mode, int clients, int boards, double rate, double presenceHz, double warmupS, double durationS,
                    Path outFile, String... extra) throws IOException, InterruptedException {
        Path out = outFile.toAbsolutePath();
        Files.deleteIfExists(out);
        List<String> cmd = new ArrayList<>(List.of("node", dir.resolve("load.mjs").toString(), "--url", "ws://127.0.0.1:" + port,
                "--mode", mode, "--clients", Integer.toString(clients), "--boards", Integer.toString(boards),
                "--rate", num(rate), "--presence-hz", num(presenceHz), "--warmup-s", num(warmupS), "--duration-s", num(durationS),
                "--out", out.toString()));
        cmd.addAll(List.of(extra));
        ChildProcess load = ChildProcess.start(cmd, dir);
        List<long[]> samples = new ArrayList<>();
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) (warmupS + durationS) + 180);
        try {
            while (!load.waitFor(0) && System.nanoTime() < limit) {
                samples.add(new long[] {System.nanoTime(), ProcessStats.cpuTicks(server.pid()), ProcessStats.rssKb(server.pid()),
                    ProcessStats.cpuTicks(load.pid()), ProcessStats.cpuPressureMicros(),
                    ProcessStats.machineBusyTicks()});
                Thread.sleep(250);
            }
            if (!load.waitFor(0)) throw new IOException("load.mjs did not finish in time:\n" + load.output());
        } finally {
            load.close();
        }
        if (load.exitValue() != 0 || !Files.isRegularFile(out)) {
            throw new IOException("load.mjs exited with " + load.exitValue() + " and no result:\n" + load.output());
        }
        ObjectNode r = (ObjectNode) Report.JSON.readTree(out.toFile());
        window(samples, durationS, r);
        return r;
    }

    /** Server CPU over the last {@code durationS} s before the load process ended (0.5 s of teardown left out). */
    private static void window(List<long[]> s, double durationS, ObjectNode r) {
        if (s.size() < 2 || durationS <= 0) {
            r.putNull("server_cpu_pct");
            r.put("server_rss_mb", s.isEmpty() ? null : Report.round(s.getLast()[2] / 1024.0));
            r.putNull("server_heap_mb");
            return;
        }
        long end = s.getLast()[0] - 500_000_000L;
        long start = end - (long) (durationS * 1e9);
        long[] a = s.getFirst();
        long[] b = s.getLast();
        for (long[] x : s) {
            if (x[0] <= start) a = x;
            if (x[0] <= end) b = x;
        }
        double secs = Math.max(0.25, (b[0] - a[0]) / 1e9);
        r.put("server_cpu_pct", Report.round((b[1] - a[1]) / 100.0 / secs * 100));
        r.put("server_rss_mb", Report.round(b[2] / 1024.0));
        r.putNull("server_heap_mb");
        r.put("client_cpu_pct", Report.round((b[3] - a[3]) / 100.0 / secs * 100));
        r.put("cpu_pressure_pct", ProcessStats.pressurePct(a[4], b[4], secs));
        r.put("others_cpu_pct", Report.round(Math.max(0, (b[5] - a[5] - (b[1] - a[1]) - (b[3] - a[3])) / 100.0 / secs * 100)));
        r.put("load_average", ProcessStats.loadAverage());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    long pid() {
        return server.pid();
    }

    @Override
    public void close() {
        server.close();
    }
}
