package be.samenbord.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU, RSS and heap of server processes, from {@code /proc/<pid>/stat} and {@code /status}, and
 * for JVMs the total of {@code jcmd <pid> GC.class_histogram} (the live heap). Figures of
 * several processes (a cluster) are summed; CPU % is of one core (200 % = both cores of this machine).
 */
final class ProcessStats {

    private static final double CLK_TCK = 100.0;
    /** The last line of a class histogram: {@code Total <instances> <bytes>}. */
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private ProcessStats() {
    }

    static Window start(List<Long> pids) {
        return new Window(pids, pids.stream().mapToLong(ProcessStats::cpuTicks).sum());
    }

    /** CPU time measured from {@link #start} on. */
    static final class Window {
        private final List<Long> pids;
        private final long ticks0;

        private Window(List<Long> pids, long ticks0) {
            this.pids = List.copyOf(pids);
            this.ticks0 = ticks0;
        }

        double cpuPct(double secs) {
            long ticks = pids.stream().mapToLong(ProcessStats::cpuTicks).sum();
            return (ticks - ticks0) / CLK_TCK / secs * 100;
        }

        /** Puts {prefix}cpu_pct, {prefix}rss_mb and, if asked, {prefix}heap_mb (null otherwise). */
        void finishInto(ObjectNode r, String prefix, double secs, boolean heap) {
            r.put(prefix + "cpu_pct", pids.isEmpty() ? null : Report.round(cpuPct(secs)));
            r.put(prefix + "rss_mb", pids.isEmpty() ? null : Report.round(pids.stream().mapToLong(ProcessStats::rssKb).sum() / 1024.0));
            if (prefix.equals("server_")) r.put("server_heap_mb", heap && !pids.isEmpty() ? heapMb(pids) : null);
        }
    }

    /**
     * The process whose command line has {@code name} in its first word and the words {@code flag}
     * {@code value} in a row (e.g. "postgres", "-p", "5432"), plus all its descendants; empty if none.
     */
    static List<Long> processTree(String name, String flag, String value) {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                String[] words;
                try {
                    words = Files.readString(p.resolve("cmdline")).split("\u0000");
                } catch (IOException | RuntimeException gone) {
                    continue;
                }
                if (words.length == 0 || !words[0].endsWith(name)) continue;
                for (int i = 0; i + 1 < words.length; i++) {
                    if (words[i].equals(flag) && words[i + 1].equals(value)) {
                        long pid = Long.parseLong(p.getFileName().toString());
                        List<Long> out = new java.util.ArrayList<>(List.of(pid));
                        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> out.add(d.pid())));
                        return out;
                    }
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.of();
    }

    /** utime + stime in clock ticks; 0 when the process is gone. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * Summed live heap (MB) of the JVMs: the total of {@code GC.class_histogram}, which counts the
     * objects that survive the full GC it runs first; null if jcmd failed. {@code GC.heap_info}'s
     * "used" after {@code GC.run} was no measure of that: on one node with the same boards it read
     * 19 MB in one run and 47 MB in the next while the histogram's total stayed within 2 %.
     */
    static Double heapMb(List<Long> pids) {
        long bytes = 0;
        for (long pid : pids) {
            String h = jcmd(pid, "GC.class_histogram");
            Matcher m = h == null ? null : TOTAL.matcher(h);
            if (m == null || !m.find()) return null;
            bytes += Long.parseLong(m.group(1));
        }
        return Report.round(bytes / (1024.0 * 1024.0));
    }

    /** The first {@code lines} lines of {@code jcmd GC.class_histogram} (live objects by class), for a look at what a heap holds. */
    static String histogram(long pid, int lines) {
        String h = jcmd(pid, "GC.class_histogram");
        if (h == null) return "(no histogram)";
        List<String> all = h.lines().toList();
        return String.join("\n", all.subList(0, Math.min(all.size(), lines + 3))) + "\n" + (all.isEmpty() ? "" : all.get(all.size() - 1));
    }

    /** Live bytes and instances per class now ({@code GC.class_histogram}); empty if jcmd failed. */
    static java.util.Map<String, long[]> classes(long pid) {
        java.util.Map<String, long[]> out = new java.util.HashMap<>();
        String h = jcmd(pid, "GC.class_histogram");
        if (h == null) return out;
        Matcher m = CLASS_LINE.matcher(h);
        while (m.find()) out.put(m.group(3), new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        return out;
    }

    private static final java.util.regex.Pattern CLASS_LINE =
            java.util.regex.Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** The {@code lines} classes whose live bytes grew most from {@code before} to now, for a look at what a workload keeps. */
    static String growth(long pid, java.util.Map<String, long[]> before, int lines) {
        java.util.Map<String, long[]> after = classes(pid);
        StringBuilder out = new StringBuilder(String.format("  %12s %10s  %s%n", "bytes", "instances", "class (growth)"));
        after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), new long[]{e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(lines)
                .forEach(e -> out.append(String.format("  %,12d %,10d  %s%n", e.getValue()[1], e.getValue()[0], e.getKey())));
        return out.toString();
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Cores, JDK, OS, memory: printed at the top and stored with the results. */
    static ObjectNode machine() {
        ObjectNode m = Report.JSON.createObjectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        try {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            m.put("cpu", cpu);
            String mem = Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\D", "");
            m.put("memory_gb", Report.round(Long.parseLong(mem) / 1024.0 / 1024.0));
        } catch (IOException | RuntimeException e) {
            m.put("cpu", "?");
        }
        m.put("load_average_at_start", loadAverage());
        return m;
    }

    /**
     * Microseconds that some task waited for a CPU (Linux PSI, /proc/pressure/cpu "some" total), or -1.
     * Over a window, its growth / window length is the share of time the machine was short of CPU:
     * the benchmark shares 2 cores with whatever else runs, and this shows how much that was.
     */
    static long cpuPressureMicros() {
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).getFirst();
            return Long.parseLong(some.substring(some.indexOf("total=") + 6).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Busy CPU ticks of the whole machine (all cores; /proc/stat: everything but idle and iowait). */
    static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) if (i != 4 && i != 5) busy += Long.parseLong(f[i]);
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Percent of {@code secs} in which tasks waited for a CPU, or null. */
    static Double pressurePct(long micros0, long micros1, double secs) {
        return micros0 < 0 || micros1 < 0 ? null : Report.round((micros1 - micros0) / 1e6 / secs * 100);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Waits until the processes use under 25 % of a core over half a second, at most 10 s. */
    static void settle(String system, List<Long> pids) {
        settle(system, pids, 10);
    }

    /** Waits until the processes use under 25 % of a core over half a second, at most {@code maxSeconds}; returns the seconds waited. */
    static double settle(String system, List<Long> pids, int maxSeconds) {
        long t0 = System.nanoTime();
        try {
            while (System.nanoTime() - t0 < maxSeconds * 1_000_000_000L) {
                ProcessStats.Window w = ProcessStats.start(pids);
                Thread.sleep(500);
                if (w.cpuPct(0.5) < 25) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (s > 2) System.out.printf("    (%s took %.0f s to become quiet again)%n", system, s);
        return s;
    }

    /** The hard "Max open files" of this process (the server processes get the same). */
    static int openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) return Integer.parseInt(line.trim().split("\\s+")[4]);
            }
        } catch (Exception e) {
            // not Linux: assume the usual
        }
        return 20_000;
    }
}
