package be.samenbord.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The result JSON and the tables printed at the end. */
final class Report {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final List<String> SYSTEMS = List.of("samenbord", "relay", "hocuspocus");

    private Report() {
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** {p50, p99, max, count} in ms from a histogram of microseconds (nulls when empty). */
    static ObjectNode latency(Histogram h) {
        ObjectNode o = JSON.createObjectNode();
        boolean empty = h.getTotalCount() == 0;
        o.put("p50", empty ? null : round(h.getValueAtPercentile(50) / 1000.0));
        o.put("p99", empty ? null : round(h.getValueAtPercentile(99) / 1000.0));
        o.put("max", empty ? null : round(h.getMaxValue() / 1000.0));
        o.put("count", h.getTotalCount());
        return o;
    }

    /** Samenbord / other for one figure, or null; a path "a", "|", "b" takes a of Samenbord and b of the other. */
    static Double ratio(JsonNode sb, JsonNode other, String... path) {
        int bar = java.util.Arrays.asList(path).indexOf("|");
        String[] mine = bar < 0 ? path : java.util.Arrays.copyOfRange(path, 0, bar);
        String[] theirs = bar < 0 ? path : java.util.Arrays.copyOfRange(path, bar + 1, path.length);
        JsonNode a = at(sb, mine);
        JsonNode b = at(other, theirs);
        if (a == null || b == null || !a.isNumber() || !b.isNumber() || b.asDouble() == 0) return null;
        return round(a.asDouble() / b.asDouble());
    }

    private static JsonNode at(JsonNode n, String... path) {
        for (String p : path) {
            if (n == null) return null;
            n = n.get(p);
        }
        return n;
    }

    /**
     * Adds "ratios" to a scenario node: each named figure (a path into a result) of Samenbord
     * divided by the same figure of each baseline.
     */
    static void ratios(ObjectNode scenario, java.util.Map<String, String[]> figures) {
        JsonNode results = scenario.path("results");
        JsonNode sb = results.get("samenbord");
        ObjectNode r = scenario.putObject("ratios");
        for (String other : List.of("relay", "hocuspocus")) {
            ObjectNode o = r.putObject("samenbord_over_" + other);
            figures.forEach((name, path) -> o.put(name, ratio(sb, results.get(other), path)));
        }
    }

    static void printScenario(PrintStream out, ObjectNode s) {
        out.println();
        out.println(s.path("id").asText() + " - " + s.path("title").asText());
        if (s.has("note")) out.println("  " + s.path("note").asText());
        String kind = s.path("kind").asText();
        if (kind.equals("hostile")) {
            printHostile(out, s.path("results").path("samenbord"));
            return;
        }
        if (kind.equals("catchup")) {
            out.printf("  %-11s %13s %17s %13s %13s%n", "system", "catch-up ms", "cold load ms", "warm load ms", "restart ms");
        } else if (kind.equals("stepup")) {
            out.printf("  %-11s %11s %11s %11s %9s %8s %8s %7s%n", "system", "rate/client", "batches/s", "deliv/s", "p50 ms", "p99 ms",
                    "CPU %", "others%");
        } else {
            out.printf("  %-11s %6s %8s %8s %8s %8s %8s %9s %9s %6s %8s %8s %7s %7s%n", "system", "conn", "fan p50", "fan p99",
                    "fan max", "ack p50", "ack p99", "batches/s", "deliv/s", "errors", "RSS MB", "heap MB", "CPU %", "others%");
        }
        for (String sys : SYSTEMS) {
            JsonNode r = s.path("results").get(sys);
            if (r == null) continue;
            if (r.has("unavailable")) {
                out.printf("  %-11s %s%n", sys, "not available (" + r.path("unavailable").asText() + ")");
            } else if (r.has("skipped")) {
                out.printf("  %-11s %s%n", sys, "not run (" + r.path("skipped").asText() + ")");
            } else if (kind.equals("catchup")) {
                out.printf("  %-11s %13s %17s %13s %13s%n", sys, f(r.get("catchup_ms")), f(r.get("coldload_ms")),
                        f(r.get("warmload_ms")), f(r.get("restart_ms")));
            } else if (kind.equals("stepup")) {
                JsonNode best = r.path("best");
                out.printf("  %-11s %11s %11s %11s %9s %8s %8s %7s%n", sys, f(best.get("rate")), f(best.get("batches_per_s")),
                        f(best.get("deliveries_per_s")), f(best.path("fanout_ms").get("p50")), f(best.path("fanout_ms").get("p99")),
                        f(cpu(best)), f(best.get("others_cpu_pct")));
            } else {
                loadRow(out, sys, r);
                // S3: the window right after everyone joined, before the node's JIT settled.
                if (r.has("cold")) loadRow(out, "  cold", r.get("cold"));
            }
            if (r.has("error")) {
                String e = r.path("error").asText().replace('\n', ' ');
                out.printf("  %-11s failed: %s%n", "", e.length() > 200 ? e.substring(0, 200) + " ..." : e);
            }
        }
        JsonNode ratios = s.get("ratios");
        if (ratios != null) {
            for (String other : List.of("relay", "hocuspocus")) {
                StringBuilder line = new StringBuilder();
                ratios.path("samenbord_over_" + other).fields().forEachRemaining(e ->
                        line.append(line.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(f(e.getValue())).append('x'));
                out.printf("  samenbord / %-10s %s%n", other, line);
            }
        }
    }

    private static void loadRow(PrintStream out, String label, JsonNode r) {
        out.printf("  %-11s %6s %8s %8s %8s %8s %8s %9s %9s %6s %8s %8s %7s %7s%n", label, f(r.get("connected")),
                f(r.path("fanout_ms").get("p50")), f(r.path("fanout_ms").get("p99")), f(r.path("fanout_ms").get("max")),
                f(r.path("ack_ms").get("p50")), f(r.path("ack_ms").get("p99")), f(r.get("batches_per_s")),
                f(r.get("deliveries_per_s")), f(r.get("errors")), f(r.get("server_rss_mb")), f(r.get("server_heap_mb")),
                f(cpu(r)), f(r.get("others_cpu_pct")));
    }

    /** S7: the user's acks alone and under attack, and what the attack did. */
    private static void printHostile(PrintStream out, JsonNode r) {
        if (r.isMissingNode()) return;
        if (r.has("error")) {
            out.printf("  samenbord failed: %s%n", r.path("error").asText());
            return;
        }
        out.printf("  %-22s %8s %8s %8s %6s %7s %6s %7s%n", "user on samenbord", "ack p50", "ack p99", "ack max", "acks", "errors", "CPU %",
                "others%");
        for (String phase : List.of("quiet", "hostile")) {
            JsonNode p = r.path(phase);
            out.printf("  %-22s %8s %8s %8s %6s %7s %6s %7s%n", phase.equals("quiet") ? "alone" : "under attack",
                    f(p.path("ack_ms").get("p50")), f(p.path("ack_ms").get("p99")), f(p.path("ack_ms").get("max")),
                    f(p.path("ack_ms").get("count")), f(p.get("errors")), f(cpu(p)), f(p.get("others_cpu_pct")));
        }
        out.printf("  attack: %s; user still connected: %s%n", r.path("hostile").path("attack"), r.path("user_still_connected").asText());
    }

    /** Server CPU plus its store's (PostgreSQL) where there is one. */
    static JsonNode cpu(JsonNode r) {
        JsonNode server = r.get("server_cpu_pct");
        JsonNode store = r.get("store_cpu_pct");
        if (server == null || !server.isNumber() || store == null || !store.isNumber()) return server;
        return JSON.getNodeFactory().numberNode(round(server.asDouble() + store.asDouble()));
    }

    static final String LEGEND = """
            Latencies in ms: fan-out = send until received by another client of the board (one sample per receiver),
            ack = send until the sender's ack (Samenbord: durable; relay: relayed; Hocuspocus: applied, in memory).
            batches/s = acknowledged batches, deliv/s = fan-out samples. RSS MB: the server processes (PostgreSQL not
            included). heap MB: live heap after a full GC, summed over nodes (JVMs only). CPU %: of one core (200 = both
            cores), Samenbord's includes PostgreSQL's. others%: CPU that processes outside the benchmark used meanwhile
            on the shared cores; high values mean the figures include waiting for CPU.""";

    /** A number for a table cell: "-" when absent. */
    static String f(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return "-";
        if (n.isIntegralNumber()) return Long.toString(n.asLong());
        if (n.isNumber()) {
            double v = n.asDouble();
            return v >= 1000 ? String.format(Locale.ROOT, "%.0f", v) : v >= 100 ? String.format(Locale.ROOT, "%.1f", v)
                    : String.format(Locale.ROOT, "%.2f", v);
        }
        return n.asText();
    }

    static void write(Path file, JsonNode root) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), root);
    }
}
