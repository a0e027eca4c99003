package be.samenbord.bench;

import be.samenbord.indicators.Exports;
import be.samenbord.indicators.PeopleClient;
import be.samenbord.indicators.importer.ExportReader;
import be.samenbord.indicators.model.Consent;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The import benchmark (issue 17, IND-3): generates Google Takeout Fitbit exports of minute-level
 * data (a heart-rate sample every 2 s, per-minute steps, a night and a resting heart rate per day:
 * about 15.8 million heart-rate samples a year) and imports them in one pass, twice: through the
 * importer alone ({@link ExportReader}) and through a node (HTTP upload, import job, one store
 * transaction). It reports MB/s (of the JSON inside the zip, and of the zip) and the live heap:
 * the largest heap in use right after a garbage collection during the import, for one month and
 * for a year, so a heap that grew with the file would show. Not a test: run it with
 * {@code mvn -q -pl server -am -Pimportbench verify} (see BENCHMARKS.md).
 */
public final class ImportBench {

    private static final AtomicLong liveAfterGc = new AtomicLong();
    private static final AtomicLong liveAfterFullGc = new AtomicLong();

    /** During run 3: a full collection every second and the heap in use right after it (the live set). */
    private static Thread sampler(int run) {
        liveAfterFullGc.set(0);
        if (run != 3) return null;
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                liveAfterFullGc.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1000); // a sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "server/target/bench"));
        Files.createDirectories(out);
        int every = Integer.getInteger("importbench.everySeconds", 2);
        List<Integer> months = new ArrayList<>();
        for (String m : System.getProperty("importbench.months", "1,12").split(",")) months.add(Integer.parseInt(m.strip()));
        watchGc();
        System.out.printf(Locale.ROOT, "JVM %s, max heap %d MB, %d cores%n", Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        List<String> rows = new ArrayList<>();
        try (TestNode node = TestNode.start("SAMENBORD_INDICATOR_MAX_IMPORT_BYTES", Integer.toString(Integer.MAX_VALUE))) {
            for (int m : months) {
                Path zip = out.resolve("takeout-" + m + "m-" + every + "s.zip");
                long[] gen = generate(zip, m * 30 + (m == 12 ? 5 : 0), every);
                long zipBytes = Files.size(zip);
                System.out.printf(Locale.ROOT, "%d month(s): %,d heart-rate samples, %,d bytes of JSON in a %,d-byte zip%n",
                        m, gen[0], gen[1], zipBytes);
                // Run 1 warms the JIT; run 2 measures speed; run 3 the live heap (a full GC every second slows it).
                for (int run = 1; run <= 3; run++) {
                    rows.add(importer(zip, m, run, gen[1], zipBytes));
                    rows.add(throughNode(node, zip, m, run, gen[1], zipBytes));
                }
            }
        }
        System.out.println();
        System.out.println("| months | run | path | JSON MB/s | zip MB/s | seconds | heap after any GC, max (MB) | live heap after full GC each second, max (MB) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        Files.writeString(out.resolve("import.md"), String.join("\n", rows) + "\n");
    }

    /** Records the heap in use after every collection (the live set), the figure that must not grow. */
    private static void watchGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                liveAfterGc.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    private static String importer(Path zip, int months, int run, long jsonBytes, long zipBytes) throws IOException {
        System.gc();
        liveAfterGc.set(0);
        Thread sampler = sampler(run);
        long t0 = System.nanoTime();
        ExportReader.Result r;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(zip), 1 << 16)) {
            r = ExportReader.read(in, new ExportReader.Request(null, ZoneId.of("Europe/Brussels"), null,
                    new Consent(true, true, true, true), LocalDate.now(ZoneOffset.UTC)));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (sampler != null) sampler.interrupt();
        if (r.days().size() < months * 28) throw new IllegalStateException("only " + r.days().size() + " days read");
        return row(months, run, "importer", jsonBytes, zipBytes, s);
    }

    private static String throughNode(TestNode node, Path zip, int months, int run, long jsonBytes, long zipBytes) throws Exception {
        PeopleClient people = new PeopleClient(node.base);
        JsonNode w = node.api.createWorkshop("Bench", "three-b");
        JsonNode p = people.createPerson(w.path("id").asText(), w.path("tokens").path("participant").asText());
        String pid = p.path("person").asText();
        String key = p.path("key").asText();
        people.consent(pid, key, true, true, true, true);
        System.gc();
        liveAfterGc.set(0);
        Thread sampler = sampler(run);
        long t0 = System.nanoTime();
        // HTTP/1.1, as browsers send over plain HTTP and as a TLS proxy forwards to the node;
        // -Dimportbench.http2=true lets the JDK client upgrade to cleartext HTTP/2 instead.
        HttpClient.Version version = Boolean.getBoolean("importbench.http2") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
        HttpResponse<String> res = HttpClient.newBuilder().version(version).build().send(HttpRequest.newBuilder(URI.create(node.base + "/api/people/" + pid
                        + "/imports?tz=Europe/Brussels")).header("Authorization", "Bearer " + key).header("Content-Type", "application/zip")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofFile(zip)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 202) throw new IllegalStateException("upload: " + res.statusCode() + " " + res.body());
        String id = res.body().replaceAll(".*\"import\":\"([^\"]+)\".*", "$1");
        JsonNode[] st = new JsonNode[1];
        Poll.until("import done", Duration.ofMinutes(10), () -> {
            st[0] = people.get("/api/people/" + pid + "/imports/" + id, key).body();
            return !"running".equals(st[0].path("state").asText());
        });
        double s = (System.nanoTime() - t0) / 1e9;
        if (sampler != null) sampler.interrupt();
        if (!"done".equals(st[0].path("state").asText())) throw new IllegalStateException("import: " + st[0]);
        return row(months, run, "node (HTTP upload, job, store)", jsonBytes, zipBytes, s);
    }

    private static String row(int months, int run, String path, long jsonBytes, long zipBytes, double s) {
        String live = run == 3 ? String.format(Locale.ROOT, "%.0f", liveAfterFullGc.get() / 1048576.0) : "";
        String row = String.format(Locale.ROOT, "| %d | %d | %s | %.0f | %.1f | %.1f | %.0f | %s |", months, run, path, jsonBytes / 1e6 / s,
                zipBytes / 1e6 / s, s, liveAfterGc.get() / 1048576.0, live);
        System.out.println(row);
        return row;
    }

    /**
     * Writes the export (if not there yet): per day a heart_rate file (UTC samples every
     * {@code every} s), a steps file (per minute), and a sleep and resting heart rate record.
     * Returns {heart-rate samples, bytes of JSON}.
     */
    static long[] generate(Path zip, int days, int every) throws IOException {
        Path meta = zip.resolveSibling(zip.getFileName() + ".meta");
        if (Files.exists(zip) && Files.exists(meta)) {
            String[] m = Files.readString(meta).strip().split(",");
            return new long[]{Long.parseLong(m[0]), Long.parseLong(m[1])};
        }
        LocalDate first = LocalDate.of(2025, 1, 1);
        long samples = 0;
        CountingOut counter;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16); ZipOutputStream z = new ZipOutputStream(file)) {
            z.setLevel(Deflater.BEST_SPEED);
            counter = new CountingOut(z);
            String ged = "Takeout/Fitbit/Global Export Data/";
            StringBuilder sleep = new StringBuilder("[");
            StringBuilder rest = new StringBuilder("[");
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                z.putNextEntry(new ZipEntry(ged + "heart_rate-" + day + ".json"));
                Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
                StringBuilder b = new StringBuilder(1 << 20).append('[');
                for (int s = 0; s < 86_400; s += every) {
                    if (s > 0) b.append(",\n");
                    // A slow daily rhythm plus noise, so the zip compresses about as a real export does.
                    int noise = (int) ((s * 2654435761L + d * 40503L) >>> 7 & 15);
                    b.append(Exports.heartSample(start.plusSeconds(s), 52 + (int) (18 * Math.sin(s / 13_750.0)) + noise));
                    samples++;
                    if (b.length() > 1 << 20) {
                        counter.write(b.toString().getBytes(StandardCharsets.UTF_8));
                        b.setLength(0);
                    }
                }
                counter.write(b.append(']').toString().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
                z.putNextEntry(new ZipEntry(ged + "steps-" + day + ".json"));
                StringBuilder st = new StringBuilder().append('[');
                for (int m = 0; m < 1440; m++) {
                    if (m > 0) st.append(",\n");
                    st.append(Exports.scalarRecord(Exports.takeoutTime(start.plusSeconds(60L * m)), Integer.toString((m * 7 + d) % 40)));
                }
                counter.write(st.append(']').toString().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
                if (sleep.length() > 1) sleep.append(',');
                sleep.append(Exports.sleepLog(d + 1, day, day.minusDays(1) + "T23:00:00.000", day + "T06:45:00.000", 400 + d % 60, true));
                if (rest.length() > 1) rest.append(',');
                rest.append(Exports.restingRecord(day, 55.0 + d % 9));
            }
            z.putNextEntry(new ZipEntry(ged + "sleep-" + first + ".json"));
            counter.write(sleep.append(']').toString().getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry(ged + "resting_heart_rate-" + first + ".json"));
            counter.write(rest.append(']').toString().getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        Files.writeString(meta, samples + "," + counter.count);
        return new long[]{samples, counter.count};
    }

    private static final class CountingOut {
        private final OutputStream out;
        long count;

        CountingOut(OutputStream out) {
            this.out = out;
        }

        void write(byte[] b) throws IOException {
            out.write(b);
            count += b.length;
        }
    }
}
