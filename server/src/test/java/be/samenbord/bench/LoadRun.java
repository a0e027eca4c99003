package be.samenbord.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.internal.VertxInternal;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/**
 * N clients over M boards of one system under test, all in this JVM: connects them, drives the
 * edit mix and presence, and measures a window (fan-out and ack latency in HdrHistograms, rates,
 * errors, the server processes' CPU, RSS and heap).
 */
final class LoadRun implements AutoCloseable {

    record Endpoint(String host, int port, String path) {
        static Endpoint ofHttp(String base) {
            java.net.URI u = java.net.URI.create(base);
            return new Endpoint(u.getHost(), u.getPort(), (u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "")) + "/ws");
        }
    }

    record Board(String id, String token) {
    }

    final List<LoadClient> clients = new ArrayList<>();
    private final Vertx vertx;
    private final WebSocketClient wsClient;
    private final int[] boardSize;
    private final Recorder fanout = new Recorder(3);
    private final Recorder ack = new Recorder(3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder expected = new LongAdder();
    private final LongAdder acks = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder presenceIn = new LongAdder();
    private final LongAdder presenceOut = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder redirects = new LongAdder();
    /** Whether hellos ask for a redirect to the board's owner (RT-1): -Dbench.route, default true. */
    private final boolean route = Boolean.parseBoolean(System.getProperty("bench.route", "true"));
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

    /** Client i goes to board i % boards and endpoint i % endpoints. */
    LoadRun(Vertx vertx, List<Endpoint> endpoints, List<Board> boards, int count, long seed) {
        this.vertx = vertx;
        this.wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(50_000)
                .setMaxFrameSize(16 << 20).setMaxMessageSize(64 << 20).setConnectTimeout(30_000));
        int m = boards.size();
        boardSize = new int[m];
        List<List<Integer>> mates = new ArrayList<>();
        for (int b = 0; b < m; b++) mates.add(new ArrayList<>());
        for (int i = 0; i < count; i++) mates.get(i % m).add(i);
        AtomicIntegerArray notes = new AtomicIntegerArray(count);
        for (int i = 0; i < count; i++) {
            int b = i % m;
            boardSize[b] = mates.get(b).size();
            int[] mine = mates.get(b).stream().mapToInt(Integer::intValue).toArray();
            // A fresh context per client: Vert.x spreads them over its event loops.
            Context ctx = ((VertxInternal) vertx).createEventLoopContext();
            clients.add(new LoadClient(this, ctx, i, new Workload.Editor(i, mine, notes, seed * 1_000_003L + i),
                    endpoints.get(i % endpoints.size()), boards.get(b).id(), boards.get(b).token()));
        }
    }

    boolean route() {
        return route;
    }

    void redirected() {
        redirects.increment();
    }

    /** Hellos answered with a redirect so far. */
    long redirects() {
        return redirects.sum();
    }

    WebSocketClient wsClient() {
        return wsClient;
    }

    /** Connects every client, at most {@code inFlight} at once; returns how many got their welcome. */
    int connectAll(int inFlight, long timeoutMs) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        int attempted = 0;
        for (LoadClient c : clients) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) break;
            attempted++;
            c.connect(wsClient, false).onComplete(r -> {
                if (r.succeeded()) ok.incrementAndGet();
                else error("connect: " + kind(r.cause()));
                done.incrementAndGet();
                slots.release();
            });
        }
        // Clients never tried before the deadline are failures too, not just missing from the count.
        for (int i = attempted; i < clients.size(); i++) error("connect: not tried before the connect deadline");
        while (done.get() < attempted && System.nanoTime() < deadline) Thread.sleep(20);
        return ok.get();
    }

    /** Starts presence on every client and batches on those picked by {@code active}. */
    void startTraffic(IntPredicate active, double rate, double presenceHz) {
        for (LoadClient c : clients) startTraffic(c, active, rate, presenceHz);
    }

    static void startTraffic(LoadClient c, IntPredicate active, double rate, double presenceHz) {
        if (c.isOpen()) c.startTraffic(active.test(c.index) ? rate : 0, presenceHz, c.index * 31L + 7);
    }

    void stopTraffic() {
        clients.forEach(LoadClient::stopTraffic);
    }

    // Callbacks from the clients (any event loop).

    void sent(LoadClient c) {
        sent.increment();
        expected.add(boardSize[c.index % boardSize.length] - 1);
    }

    void presenceSent() {
        presenceOut.increment();
    }

    void presenceReceived() {
        presenceIn.increment();
    }

    void opsReceived(LoadClient receiver, String frame, long now) {
        long[] stamp = Scan.firstStamp(frame);
        long at = stamp == null || stamp[0] >= clients.size() ? -1 : clients.get((int) stamp[0]).sentAt(stamp[1]);
        if (at < 0) {
            unmatched.increment();
            return;
        }
        fanout.recordValue(Math.max(0, (now - at) / 1000));
        deliveries.increment();
    }

    void ackReceived(long nanos) {
        if (nanos < 0) {
            unmatched.increment();
            return;
        }
        ack.recordValue(nanos / 1000);
        acks.increment();
    }

    void error(String kind) {
        errors.increment();
        errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private long[] counters() {
        return new long[] {sent.sum(), acks.sum(), deliveries.sum(), presenceIn.sum(), presenceOut.sum(), errors.sum(),
            unmatched.sum(), expected.sum()};
    }

    /**
     * Waits {@code warmupS}, then measures {@code measureS} seconds: latencies, rates, errors, and
     * the server processes (CPU over the window; RSS and heap right after it, load still on).
     */
    ObjectNode measure(double warmupS, double measureS, List<Long> serverPids, List<Long> storePids, boolean heap)
            throws InterruptedException {
        Thread.sleep((long) (warmupS * 1000));
        fanout.getIntervalHistogram();
        ack.getIntervalHistogram();
        long[] c0 = counters();
        ProcessStats.Window server = ProcessStats.start(serverPids);
        ProcessStats.Window store = ProcessStats.start(storePids);
        ProcessStats.Window self = ProcessStats.start(List.of(ProcessHandle.current().pid()));
        long psi0 = ProcessStats.cpuPressureMicros();
        long busy0 = ProcessStats.machineBusyTicks();
        long t0 = System.nanoTime();
        Thread.sleep((long) (measureS * 1000));
        double secs = (System.nanoTime() - t0) / 1e9;
        long psi1 = ProcessStats.cpuPressureMicros();
        long busy1 = ProcessStats.machineBusyTicks();
        Histogram f = fanout.getIntervalHistogram();
        Histogram a = ack.getIntervalHistogram();
        long[] c1 = counters();
        ObjectNode r = Report.JSON.createObjectNode();
        r.put("connected", clients.stream().filter(LoadClient::isOpen).count());
        r.set("fanout_ms", Report.latency(f));
        r.set("ack_ms", Report.latency(a));
        r.put("offered_batches_per_s", Report.round((c1[0] - c0[0]) / secs));
        r.put("batches_per_s", Report.round((c1[1] - c0[1]) / secs));
        r.put("deliveries_per_s", Report.round((c1[2] - c0[2]) / secs));
        r.put("expected_deliveries_per_s", Report.round((c1[7] - c0[7]) / secs));
        r.put("presence_out_per_s", Report.round((c1[4] - c0[4]) / secs));
        r.put("presence_in_per_s", Report.round((c1[3] - c0[3]) / secs));
        r.put("errors", c1[5] - c0[5]);
        r.put("unmatched", c1[6] - c0[6]);
        r.put("measure_s", Report.round(secs));
        r.put("cpu_pressure_pct", ProcessStats.pressurePct(psi0, psi1, secs));
        r.put("load_average", ProcessStats.loadAverage());
        double serverCpu = server.cpuPct(secs);
        double clientCpu = self.cpuPct(secs);
        double storeCpu = store.cpuPct(secs);
        r.put("store_cpu_pct", storePids.isEmpty() ? null : Report.round(storeCpu));
        server.finishInto(r, "server_", secs, heap);
        self.finishInto(r, "client_", secs, false);
        // CPU the rest of the machine used meanwhile (other people's work on the shared cores).
        r.put("others_cpu_pct", busy0 < 0 ? null : Report.round(Math.max(0, (busy1 - busy0) / 100.0 / secs * 100 - serverCpu - clientCpu - storeCpu)));
        return r;
    }

    /** Waits until at least {@code batches} were sent and every batch sent is acknowledged; false on timeout. */
    boolean awaitAcks(long batches, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while ((sent.sum() < batches || acks.sum() < sent.sum()) && System.nanoTime() < deadline) Thread.sleep(5);
        return sent.sum() >= batches && acks.sum() >= sent.sum();
    }

    /** Error kinds seen so far, e.g. {"closed by server 1013": 3}. */
    ObjectNode errorKinds() {
        ObjectNode o = Report.JSON.createObjectNode();
        errorKinds.forEach((k, v) -> o.put(k, v.sum()));
        return o;
    }

    long errorCount() {
        return errors.sum();
    }

    /** A short error kind (class and the first 80 characters of the message). */
    static String kind(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 80 ? m.substring(0, 80) : m));
    }

    static String shortText(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 2000 ? m.substring(0, 2000) : m));
    }

    @Override
    public void close() {
        stopTraffic();
        List<Future<Void>> closing = new ArrayList<>();
        for (LoadClient c : clients) closing.add(c.close());
        try {
            Future.join(closing).await(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("bench: closing clients: " + shortText(e));
        }
        try {
            wsClient.close().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("bench: closing the WebSocket client: " + shortText(e));
        }
    }
}
