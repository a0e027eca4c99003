package be.samenbord.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The scenarios as run by the Java load generator against Samenbord or the bare relay. */
final class Scenarios {

    /** A load shape: every client sends presence; {@code activeEvery} = 1: every client edits, 200: one in 200 does. */
    record Spec(int clients, int boards, double rate, double presenceHz, int activeEvery, double warmupS, double measureS) {
    }

    /** Step-up: rates per client tried in turn (each step warms up, then measures). */
    record StepSpec(int clients, int boards, double presenceHz, double[] rates, double warmupS, double measureS, double p99LimitMs) {
    }

    static final int CATCHUP_OPS = 1000;
    /** Writers on the catch-up board besides the client that leaves and comes back (as load.mjs catchup). */
    static final int CATCHUP_WRITERS = 5;
    private final Vertx vertx;

    Scenarios(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Connects, drives the mix, measures one window. */
    ObjectNode load(Systems.Target t, Spec s) throws InterruptedException {
        return load(t, s, 0);
    }

    /**
     * As {@link #load(Systems.Target, Spec)}; with {@code warmS > 0} the first window (right after
     * everyone joined, on a node whose JIT is still compiling) goes under "cold", and the result
     * is a second window after {@code warmS} more seconds of the same traffic: a node that has
     * been serving for a while, as the relay (little code to compile) is almost at once.
     */
    ObjectNode load(Systems.Target t, Spec s, double warmS) throws InterruptedException {
        List<LoadRun.Board> boards = t.boards(s.boards());
        try (LoadRun run = new LoadRun(vertx, t.endpoints(), boards, s.clients(), 42)) {
            long t0 = System.nanoTime();
            // Everyone connects, then all start together (each at a random phase), as the
            // Hocuspocus load client does. Starting each client's traffic at its welcome made the
            // first few hundred clients' load slow the other joins on 2 shared cores: in S1 on the
            // cluster a quarter of the clients were not connected when the deadline passed.
            int connected = run.connectAll(200, 20_000 + s.clients() * 3L);
            long connectMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            run.startTraffic(i -> i % s.activeEvery() == 0, s.rate(), s.presenceHz());
            ObjectNode r = Report.JSON.createObjectNode().put("mode", s.activeEvery() > 1 ? "idle" : "load");
            ObjectNode first = run.measure(s.warmupS(), s.measureS(), t.pids(), t.storePids(), true);
            if (warmS > 0) {
                r.set("cold", first);
                r.setAll(run.measure(warmS, s.measureS(), t.pids(), t.storePids(), true));
                r.put("warm_after_s", warmS);
            } else {
                r.setAll(first);
            }
            r.put("clients", s.clients());
            r.put("connected_at_start", connected);
            r.put("connect_ms", connectMs);
            r.put("redirects", run.redirects());
            r.put("active_clients", (s.clients() + s.activeEvery() - 1) / s.activeEvery());
            r.set("error_kinds", run.errorKinds());
            return r;
        }
    }

    /** One step of a step-up at the given rate per client. */
    interface StepRun {
        ObjectNode at(double rate) throws Exception;
    }

    /**
     * Raises the rate per client through {@code rates} until a step is not sustained (p99 fan-out
     * over the limit, errors, or under 95 % of the offered batches acknowledged), then narrows the
     * gap between the last good and the first bad rate twice, halving it geometrically each time
     * (with rates 4x apart: 2x, then 1.41x). "best" is the highest sustained step (null if none).
     * Each step's result is in "steps", retries included.
     */
    static ObjectNode stepLoop(String system, StepSpec s, StepRun step) throws Exception {
        ObjectNode out = Report.JSON.createObjectNode().put("mode", "stepup").put("clients", s.clients());
        ArrayNode steps = out.putArray("steps");
        out.putNull("best");
        double good = -1;
        double bad = -1;
        for (double rate : s.rates()) {
            ObjectNode r = oneStep(system, s, step, rate, steps);
            if (!sustained(r, rate * s.clients(), s.p99LimitMs())) {
                bad = rate;
                break;
            }
            good = rate;
            out.set("best", r);
        }
        for (int i = 0; i < 2 && good > 0 && bad > 0; i++) {
            double mid = Math.sqrt(good * bad);
            ObjectNode m = oneStep(system, s, step, mid, steps);
            if (sustained(m, mid * s.clients(), s.p99LimitMs())) {
                good = mid;
                out.set("best", m);
            } else {
                bad = mid;
            }
        }
        return out;
    }

    /**
     * One rate; a step that was not sustained is run once more and the second try counts (both are
     * kept): on 2 shared cores one 3-second window's p99 can be one GC pause or a burst of another
     * process, for every system alike, and one such window used to end a step-up at its first step.
     */
    private static ObjectNode oneStep(String system, StepSpec s, StepRun step, double rate, ArrayNode steps) throws Exception {
        ObjectNode r = tryStep(system, s, step, rate, steps);
        if (!sustained(r, rate * s.clients(), s.p99LimitMs())) {
            System.out.printf("    %s: not sustained (others used %s %% CPU meanwhile); once more%n", system,
                    Report.f(r.get("others_cpu_pct")));
            r = tryStep(system, s, step, rate, steps);
            r.put("retry", true);
        }
        return r;
    }

    private static ObjectNode tryStep(String system, StepSpec s, StepRun step, double rate, ArrayNode steps) throws Exception {
        ObjectNode r = step.at(rate);
        r.put("rate", Report.round(rate));
        steps.add(r);
        System.out.printf("    %s step %s batches/s per client (%s offered): %s batches/s acked, p99 fan-out %s ms%n", system,
                Report.f(r.get("rate")), Report.f(Report.JSON.getNodeFactory().numberNode(Report.round(rate * s.clients()))),
                Report.f(r.get("batches_per_s")), Report.f(r.path("fanout_ms").get("p99")));
        return r;
    }

    /** How long a step-up waits for the previous step's batches to be acknowledged before the next. */
    static final long DRAIN_MS = 30_000;

    /** Seconds of unmeasured traffic (at the middle rate) before a step-up's first step. */
    static final int STEP_WARM_S = 20;

    /** Step-up with the Java clients, all connected once; the rate changes between steps. */
    ObjectNode stepUp(Systems.Target t, StepSpec s) throws Exception {
        // Each step's result has the load shape; the step-up itself keeps "steps" and "best".
        List<LoadRun.Board> boards = t.boards(s.boards());
        try (LoadRun run = new LoadRun(vertx, t.endpoints(), boards, s.clients(), 7)) {
            int connected = run.connectAll(200, 30_000);
            // Unmeasured traffic first, so the steps measure a warm server (JIT done), for every system alike.
            run.startTraffic(i -> true, s.rates()[s.rates().length / 2], s.presenceHz());
            Thread.sleep(TimeUnit.SECONDS.toMillis(STEP_WARM_S));
            ObjectNode out = stepLoop(t.name(), s, rate -> {
                run.stopTraffic();
                // An overloaded step leaves a backlog; its drain must not land in the next step's window.
                run.awaitAcks(0, DRAIN_MS);
                run.startTraffic(i -> true, rate, s.presenceHz());
                return run.measure(s.warmupS(), s.measureS(), t.pids(), t.storePids(), false);
            });
            out.put("connected", connected);
            out.put("redirects", run.redirects());
            return out;
        }
    }

    static boolean sustained(JsonNode r, double offered, double p99LimitMs) {
        JsonNode p99 = r.path("fanout_ms").get("p99");
        return p99 != null && p99.isNumber() && p99.asDouble() <= p99LimitMs && r.path("errors").asLong() == 0
                && r.path("batches_per_s").asDouble() >= 0.95 * offered;
    }

    /**
     * Reconnect catch-up: 6 clients on a board; one leaves, the 5 others make ≥ 1,000 ops, it comes back
     * with {@code since}. Time from hello to the welcome received and parsed; the median of the rounds.
     */
    ObjectNode catchUp(Systems.Target t, int rounds) throws Exception {
        ObjectNode out = Report.JSON.createObjectNode().put("mode", "catchup").put("clients", CATCHUP_WRITERS + 1);
        ArrayNode times = out.putArray("catchup_ms_rounds");
        try (LoadRun run = new LoadRun(vertx, t.endpoints(), t.boards(1), CATCHUP_WRITERS + 1, 11)) {
            if (run.connectAll(CATCHUP_WRITERS + 1, 30_000) != CATCHUP_WRITERS + 1) throw new IllegalStateException("catch-up: clients did not connect: " + run.errorKinds());
            LoadClient late = run.clients.getFirst();
            late.parseWelcome = true;
            for (int round = 0; round < rounds; round++) {
                late.close().await(10, TimeUnit.SECONDS);
                AtomicInteger ops = new AtomicInteger();
                for (int i = 0; ops.get() < CATCHUP_OPS && i < 5 * CATCHUP_OPS; i++) {
                    LoadClient c = run.clients.get(1 + i % CATCHUP_WRITERS);
                    // Built and sent on the client's loop; counted on return, so the loop ends after ≥ 1,000 ops.
                    java.util.concurrent.CompletableFuture<Integer> n = new java.util.concurrent.CompletableFuture<>();
                    c.runOn(() -> {
                        String frame = c.editor.batch(c.nextBatchNo());
                        c.sendFrame(frame);
                        n.complete(count(frame, "\"s\":["));
                    });
                    try {
                        ops.addAndGet(n.get(10, TimeUnit.SECONDS));
                    } catch (Exception e) {
                        throw new IllegalStateException("catch-up: a send did not happen", e);
                    }
                }
                if (!run.awaitAcks(0, 30_000)) throw new IllegalStateException("catch-up: batches not acknowledged within 30 s");
                try {
                    late.connect(run.wsClient(), true).await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("catch-up: reconnect failed: " + LoadRun.shortText(e), e);
                }
                times.add(Report.round((late.welcomeParsedAt - late.helloAt) / 1e6));
                out.put("missed_ops", ops.get());
                out.put("welcome_ops", late.welcomeOps);
                out.put("welcome_snapshot_items", late.welcomeItems);
            }
            out.set("error_kinds", run.errorKinds());
        }
        List<Double> sorted = new ArrayList<>();
        times.forEach(n -> sorted.add(n.asDouble()));
        sorted.sort(null);
        out.put("catchup_ms", sorted.isEmpty() ? null : sorted.get(sorted.size() / 2));
        return out;
    }

    /**
     * Cold load on a single Samenbord node: a board of {@code notes} notes, the node restarted
     * (SIGTERM, start), then hello → welcome received and parsed; then the same for a second
     * client (board now in memory).
     */
    ObjectNode coldLoad(Systems.Samenbord t, int notes) throws InterruptedException {
        ObjectNode out = Report.JSON.createObjectNode();
        List<LoadRun.Board> board = t.boards(1);
        try (LoadRun run = new LoadRun(vertx, t.endpoints(), board, 1, 13)) {
            if (run.connectAll(1, 30_000) != 1) throw new IllegalStateException("cold load: no connection: " + run.errorKinds());
            LoadClient c = run.clients.getFirst();
            int batches = 0;
            for (int made = 0; made < notes; made += 100, batches++) {
                int n = Math.min(100, notes - made);
                c.runOn(() -> c.sendFrame(c.editor.createMany(c.nextBatchNo(), n)));
            }
            if (!run.awaitAcks(batches, 60_000)) throw new IllegalStateException("cold load: notes not acknowledged within 60 s");
        }
        out.put("notes", notes);
        out.put("items_before_restart", t.itemCount(board.getFirst()));
        out.put("restart_ms", t.restart());
        try (LoadRun run = new LoadRun(vertx, t.endpoints(), board, 2, 17)) {
            double[] ms = new double[2];
            int[] items = new int[2];
            for (int i = 0; i < 2; i++) {
                LoadClient c = run.clients.get(i);
                c.parseWelcome = true;
                try {
                    c.connect(run.wsClient(), false).await(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("cold load: hello failed: " + LoadRun.shortText(e), e);
                }
                ms[i] = Report.round((c.welcomeParsedAt - c.helloAt) / 1e6);
                items[i] = c.welcomeItems;
            }
            out.put("coldload_ms", ms[0]);
            out.put("warmload_ms", ms[1]);
            out.put("welcome_snapshot_items", items[0]);
            out.put("items_after_restart", t.itemCount(board.getFirst()));
            ProcessStats.Window w = ProcessStats.start(t.pids());
            w.finishInto(out, "server_", 1, true);
            out.remove("server_cpu_pct");
        }
        return out;
    }

    /** S7's shape: the user's rate, the attack, and the two measuring windows. */
    record HostileSpec(double rate, int hellos, int pingFlooders, double warmupS, double measureS) {
    }

    /**
     * S7 hostile: one real user edits a board (acks measured) alone, then while an attacker with
     * the same participant link sends {@code hellos} hellos to that board from the same address
     * and floods it with pings from joined connections. The user joined first: on one address
     * the caps that stop the attacker would also stop a user who came after it (LI-11, LI-12).
     */
    ObjectNode hostile(Systems.Samenbord t, HostileSpec s) throws Exception {
        ObjectNode out = Report.JSON.createObjectNode().put("mode", "hostile").put("clients", 1);
        List<LoadRun.Board> board = t.boards(1);
        try (LoadRun user = new LoadRun(vertx, t.endpoints(), board, 1, 19)) {
            if (user.connectAll(1, 30_000) != 1) throw new IllegalStateException("hostile: the user did not connect: " + user.errorKinds());
            user.startTraffic(i -> true, s.rate(), 0);
            ObjectNode quiet = user.measure(s.warmupS(), s.measureS(), t.pids(), t.storePids(), false);
            out.set("quiet", quiet);
            System.out.printf("    quiet: user ack p50 %s ms, p99 %s ms%n", Report.f(quiet.path("ack_ms").get("p50")),
                    Report.f(quiet.path("ack_ms").get("p99")));
            try (Hostile attacker = new Hostile(vertx, t.endpoints().getFirst(), board.getFirst())) {
                long t0 = System.nanoTime();
                attacker.floodPings(s.pingFlooders());
                // The storm runs beside the measuring window, which starts with it.
                Thread storm = Thread.ofVirtual().start(() -> {
                    try {
                        attacker.helloStorm(s.hellos(), 200, 60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                ObjectNode hostile = user.measure(0, s.measureS(), t.pids(), t.storePids(), true);
                attacker.stop();
                storm.join(TimeUnit.SECONDS.toMillis(60));
                hostile.put("attack_s", Report.round((System.nanoTime() - t0) / 1e9));
                hostile.set("attack", attacker.stats());
                out.set("hostile", hostile);
                System.out.printf("    hostile: user ack p50 %s ms, p99 %s ms; attack %s%n", Report.f(hostile.path("ack_ms").get("p50")),
                        Report.f(hostile.path("ack_ms").get("p99")), attacker.stats());
            }
            out.put("user_still_connected", user.clients.getFirst().isOpen());
            out.set("ack_ms", out.path("hostile").get("ack_ms"));
            out.set("errors", out.path("hostile").get("errors"));
            out.set("error_kinds", user.errorKinds());
        }
        return out;
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
