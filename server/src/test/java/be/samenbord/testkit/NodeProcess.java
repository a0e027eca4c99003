package be.samenbord.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node as a separate JVM process ({@code java -jar server/target/samenbord.jar}), for tests that
 * kill it for real. Output goes to a log file; the port is read from the "ready" line.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Samenbord ready at \\S+ \\(port (\\d+),");

    /** What Hazelcast needs on Java 21+ to run without warnings (STACK.md); also in docker/Dockerfile. */
    public static final List<String> HAZELCAST_JVM_FLAGS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private final Process process;
    private final Path log;
    private final int port;

    private NodeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts a node on 127.0.0.1, any free port, the given data directory and extra settings. */
    public static NodeProcess start(Path dataDir, Map<String, String> extraEnv) {
        return start(dataDir, extraEnv, "512m");
    }

    /** As {@link #start(Path, Map)} with another maximum heap ({@code -Xmx<maxHeap>}, e.g. "1g"). */
    public static NodeProcess start(Path dataDir, Map<String, String> extraEnv, String maxHeap) {
        String jar = System.getProperty("samenbord.jar", "target/samenbord.jar");
        if (!Files.isRegularFile(Path.of(jar))) throw new IllegalStateException("build the jar first: " + jar);
        try {
            Path log = Files.createTempFile("samenbord-node", ".log");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + maxHeap));
            cmd.addAll(HAZELCAST_JVM_FLAGS);
            cmd.addAll(extraJvmFlags());
            cmd.addAll(List.of("-jar", jar));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("SAMENBORD_"));
            pb.environment().put("SAMENBORD_HTTP_HOST", "127.0.0.1");
            pb.environment().put("SAMENBORD_HTTP_PORT", "0");
            pb.environment().put("SAMENBORD_DATA_DIR", dataDir.toString());
            // Tests and the benchmark make workshops by the dozen from 127.0.0.1; LI-9 has its own test.
            pb.environment().put("SAMENBORD_CREATE_PER_MINUTE", "0");
            pb.environment().putAll(extraEnv);
            Process p = pb.start();
            int port = awaitPort(p, log);
            return new NodeProcess(p, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Flags for every node JVM from {@code -Dsamenbord.node.jvmArgs} (split on spaces), e.g. a JFR
     * recording while profiling the benchmark: {@code -XX:StartFlightRecording=filename=/tmp/node-%p.jfr}
     * ({@code %p}: the pid, so the nodes of a cluster do not share one file).
     */
    static List<String> extraJvmFlags() {
        List<String> out = new ArrayList<>();
        // -Dsamenbord.node.gc: the collector's flags (the bench profile's -Dbench.nodeGc); -Dsamenbord.node.jvmArgs: anything else.
        for (String property : List.of("samenbord.node.gc", "samenbord.node.jvmArgs")) {
            String flags = System.getProperty(property, "").strip();
            if (!flags.isEmpty()) out.addAll(List.of(flags.split("\\s+")));
        }
        return out;
    }

    private static int awaitPort(Process p, Path log) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) return Integer.parseInt(m.group(1));
            if (!p.isAlive()) throw new IllegalStateException("node exited with " + p.exitValue() + ":\n" + Files.readString(log));
            try {
                p.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("node not ready within 60 s:\n" + Files.readString(log));
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the graceful path. Returns the exit code. */
    public int terminate() {
        process.destroy();
        return waitForExit();
    }

    private int waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL, or SIGTERM when extra JVM flags are set: a profiler writes its recording only on a clean exit. */
    @Override
    public void close() {
        if (!process.isAlive()) return;
        if (extraJvmFlags().isEmpty()) kill();
        else terminate();
    }
}
