package be.samenbord.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server for tests: Debian's newest {@code /usr/lib/postgresql/<v>/bin}
 * (initdb + postgres) in a fresh temp directory, on 127.0.0.1 and a free port, password
 * (scram-sha-256) auth over TCP. Run as root, both run as the {@code postgres} user. Close stops
 * it by pid (SIGINT = fast shutdown, which also ends open sessions; SIGKILL after a deadline)
 * and deletes the directory.
 */
public final class Postgres implements AutoCloseable {

    public static final String USER = "samenbord";
    public static final String PASSWORD = "pw-Samenbord:test@1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Path bin;
    private final Path dir;
    private final boolean root;
    private final Thread cleanup;
    private Process process;
    private long pid = -1;
    private int port;
    private boolean closed;

    private Postgres(Path bin, Path dir, boolean root) {
        this.bin = bin;
        this.dir = dir;
        this.root = root;
        this.cleanup = new Thread(this::stopQuietly, "postgres-cleanup");
    }

    /** Starts a server and creates the database {@code samenbord}; see {@link #url()}. */
    public static Postgres start() {
        Path bin = findBin();
        Postgres pg;
        try {
            boolean root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
            // /tmp, not java.io.tmpdir: the postgres user must reach it and the socket path must stay short.
            Path tmp = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
            pg = new Postgres(bin, Files.createTempDirectory(tmp, "samenbord-pg-"), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(pg.cleanup);
        try {
            pg.initdb();
            pg.launch();
            pg.createDatabase("samenbord");
            return pg;
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The newest installed server, or a clear failure naming the package to install. */
    static Path findBin() {
        Path base = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(base) ? Files.list(base) : Stream.empty()) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/postgres")) && Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/<version>"
                            + "/bin/postgres); install it with: apt-get install postgresql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void initdb() throws IOException {
        Path pw = dir.resolve("pwfile");
        Files.writeString(pw, PASSWORD + "\n");
        if (root) run(List.of("chown", "-R", "postgres:postgres", dir.toString()), Duration.ofSeconds(10));
        run(asOwner(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                "--pwfile=" + pw, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C",
                "--no-sync", "--no-instructions"), START_TIMEOUT);
    }

    /** Starts postgres on a free port; retries with another port if that one was taken meanwhile. */
    private void launch() throws IOException {
        launchOn(0);
    }

    /** {@code fixedPort} 0: a free port, retried if taken meanwhile; else that port (a resume). */
    private void launchOn(int fixedPort) throws IOException {
        Path log = dir.resolve("postgres.log");
        for (int attempt = 1; ; attempt++) {
            port = fixedPort != 0 ? fixedPort : freePort();
            process = new ProcessBuilder(asOwner(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
                    "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                    "-c", "max_connections=40", "-c", "shared_buffers=16MB"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            String status = awaitReady();
            if (status.equals("ready")) return;
            if (attempt < 3 && fixedPort == 0 && tail(log).contains("could not bind")) continue;
            throw new IllegalStateException("PostgreSQL did not start (" + status + "); its log:\n" + tail(log));
        }
    }

    /** Polls postmaster.pid until its status line says "ready" (or the server exits); returns the status. */
    private String awaitReady() throws IOException {
        Path pidFile = dir.resolve("data/postmaster.pid");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) return "exited with " + process.exitValue();
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.size() >= 8 && lines.get(7).trim().equals("ready") && lines.get(3).trim().equals(Integer.toString(port))) {
                pid = Long.parseLong(lines.get(0).trim());
                return "ready";
            }
            try {
                process.waitFor(10, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for PostgreSQL");
            }
        }
        return "not ready after " + START_TIMEOUT.toSeconds() + " s";
    }

    /** Creates a database owned by {@link #USER}; returns its {@link #url(String)}. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) throw new IllegalArgumentException("database name " + name);
        try {
            run(List.of(bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(),
                    "-p", Integer.toString(port), "-U", USER, "-d", "postgres", "-c", "CREATE DATABASE " + name), START_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return url(name);
    }

    /** {@code postgresql://user:pass@127.0.0.1:<port>/samenbord} */
    public String url() {
        return url("samenbord");
    }

    public String url(String database) {
        String pw = java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        return "postgresql://" + USER + ":" + pw + "@127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Stops the server (open sessions are cut) but keeps its data: {@link #resume()} starts it again on the same port. */
    public synchronized void pause() {
        try {
            stopServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = null;
        pid = -1;
    }

    /** Starts a paused server again, same data and port (clients reconnect to the same URL). */
    public synchronized void resume() {
        if (process != null) throw new IllegalStateException("not paused");
        try {
            launchOn(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (open sessions are cut) and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void stopQuietly() {
        try {
            stopServer();
        } catch (IOException | RuntimeException e) {
            System.err.println("Postgres: stopping the test server failed: " + e);
        }
        deleteTree(dir);
    }

    private void stopServer() throws IOException {
        if (process == null) return;
        // The postmaster: from postmaster.pid once ready, else the child of runuser (or postgres itself).
        ProcessHandle postmaster = pid > 0 ? ProcessHandle.of(pid).orElse(null)
                : root ? process.toHandle().children().findFirst().orElse(null) : process.toHandle();
        if (postmaster != null && postmaster.isAlive()) {
            List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
            all.add(postmaster);
            try {
                run(List.of("kill", "-INT", Long.toString(postmaster.pid())), Duration.ofSeconds(5));
            } catch (IllegalStateException gone) {
                // it exited meanwhile
            }
            if (!exited(postmaster, STOP_TIMEOUT)) {
                System.err.println("Postgres: pid " + postmaster.pid() + " ignored SIGINT for " + STOP_TIMEOUT + "; killing it");
                all.forEach(ProcessHandle::destroyForcibly);
                exited(postmaster, STOP_TIMEOUT);
            }
        }
        // The wrapper (runuser, or postgres itself) ends with its child.
        if (!exited(process.toHandle(), STOP_TIMEOUT)) process.destroyForcibly();
    }

    private static boolean exited(ProcessHandle h, Duration timeout) {
        try {
            h.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !h.isAlive();
        }
    }

    /** The command, run as the postgres user when we are root (postgres refuses to run as root). */
    private List<String> asOwner(String... command) {
        List<String> out = new ArrayList<>();
        if (root) out.addAll(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(List.of(command));
        return out;
    }

    private static void run(List<String> command, Duration timeout) throws IOException {
        Path out = Files.createTempFile("samenbord-pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) p.destroyForcibly();
            String output = tail(out);
            if (!done) throw new IllegalStateException(command.getFirst() + " did not finish within " + timeout + ":\n" + output);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.getFirst());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("Postgres: could not delete " + root + ": " + e);
        }
    }
}
