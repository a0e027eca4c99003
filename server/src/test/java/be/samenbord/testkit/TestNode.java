package be.samenbord.testkit;

import be.samenbord.Node;
import be.samenbord.Settings;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real node in this JVM on 127.0.0.1, an ephemeral port and a fresh data directory. */
public final class TestNode implements AutoCloseable {

    public final Node node;
    public final Path dataDir;
    public final String base;
    public final Api api;

    private TestNode(Node node, Path dataDir) {
        this.node = node;
        this.dataDir = dataDir;
        this.base = "http://127.0.0.1:" + node.port();
        this.api = new Api(base);
    }

    public static TestNode start(String... extraEnv) {
        try {
            return start(Files.createTempDirectory("samenbord-test"), extraEnv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestNode start(Path dataDir, String... extraEnv) {
        return start(dataDir, null, extraEnv);
    }

    /** A node whose wall clock is {@code clock} (tests move time by hand); null = the system clock. */
    public static TestNode startWithClock(java.util.function.LongSupplier clock, String... extraEnv) {
        try {
            return start(Files.createTempDirectory("samenbord-test"), clock, extraEnv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #startWithClock(java.util.function.LongSupplier, String...)}, on {@code dataDir} (a restart). */
    public static TestNode start(Path dataDir, java.util.function.LongSupplier clock, String... extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("SAMENBORD_HTTP_HOST", "127.0.0.1");
        env.put("SAMENBORD_HTTP_PORT", "0");
        env.put("SAMENBORD_DATA_DIR", dataDir.toString());
        env.put("SAMENBORD_DEMO", "false");
        // Tests make workshops by the dozen from 127.0.0.1; the creation rate (LI-9) has its own test.
        env.put("SAMENBORD_CREATE_PER_MINUTE", "0");
        for (int i = 0; i + 1 < extraEnv.length; i += 2) env.put(extraEnv[i], extraEnv[i + 1]);
        try {
            Settings settings = Settings.fromEnv(env);
            return new TestNode(clock == null ? Node.start(settings) : Node.start(settings, clock, System::nanoTime), dataDir);
        } catch (Exception e) {
            throw new IllegalStateException("node did not start", e);
        }
    }

    /** A workshop with one board of {@code template}. */
    public Board board(String template) {
        JsonNode w = api.createWorkshop("Test " + template, template);
        return new Board(w, w.path("boards").get(0).path("id").asText());
    }

    public WsClient connect() {
        return WsClient.connect(base);
    }

    /** A created workshop and its first board. */
    public record Board(JsonNode workshop, String id) {
        public String token(String role) {
            return workshop.path("tokens").path(role).asText();
        }
    }

    @Override
    public void close() {
        node.stop();
    }
}
