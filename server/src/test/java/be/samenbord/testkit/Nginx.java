package be.samenbord.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx in front of test nodes, running the repository's docker/nginx.conf with only what a
 * machine without Docker needs changed: the upstream servers {@code nodeN:8080} become the nodes'
 * loopback ports, Docker's resolver and the {@code resolve} flag (nginx 1.27.3+) go, and it listens
 * on a loopback port. Everything else (locations, headers, timeouts, retries) is the file as shipped.
 */
public final class Nginx implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** The nginx binary: Debian's /usr/sbin/nginx (package nginx-light, installed by .ci/run), or one on the PATH. */
    static String binary() {
        if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) return "/usr/sbin/nginx";
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "nginx"))) return Path.of(d, "nginx").toString();
        }
        throw new IllegalStateException("nginx is not installed: .ci/run installs Debian's nginx-light (apt-get install nginx-light)");
    }

    /** docker/nginx.conf with node N (1-based) at {@code nodePorts.get(N - 1)}, listening on {@code port}. */
    static String config(String shipped, List<Integer> nodePorts, int port) {
        String conf = shipped.replaceAll("(?m)^\\s*resolver\\s[^;]*;", "").replace(" resolve", "")
                .replaceAll("listen\\s+80;", "listen 127.0.0.1:" + port + ";");
        for (int i = 0; i < nodePorts.size(); i++) conf = conf.replace("node" + (i + 1) + ":8080", "127.0.0.1:" + nodePorts.get(i));
        if (conf.matches("(?s).*node\\d+:8080.*")) throw new IllegalStateException("a node of nginx.conf has no port here");
        return conf;
    }

    /** Starts nginx with docker/nginx.conf in front of the nodes (node N at {@code nodePorts.get(N - 1)}); waits until it accepts. */
    public static Nginx start(Path shippedConf, List<Integer> nodePorts, int port) {
        try {
            Path dir = Files.createTempDirectory("samenbord-nginx");
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            tmp.toFile().setWritable(true, false);
            Files.writeString(dir.resolve("default.conf"), config(Files.readString(shippedConf), nodePorts, port));
            boolean root = "root".equals(System.getProperty("user.name"));
            Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                    "daemon off;",
                    "worker_processes 1;",
                    root ? "user root;" : "",
                    "pid " + dir.resolve("nginx.pid") + ";",
                    "error_log " + dir.resolve("error.log") + " warn;",
                    "events { worker_connections 1024; }",
                    "http {",
                    "  access_log off;",
                    "  client_body_temp_path " + tmp.resolve("body") + ";",
                    "  proxy_temp_path " + tmp.resolve("proxy") + ";",
                    "  fastcgi_temp_path " + tmp.resolve("fastcgi") + ";",
                    "  uwsgi_temp_path " + tmp.resolve("uwsgi") + ";",
                    "  scgi_temp_path " + tmp.resolve("scgi") + ";",
                    "  include " + dir.resolve("default.conf") + ";",
                    "}", ""));
            Process p = new ProcessBuilder(binary(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                    "-e", dir.resolve("error.log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Nginx n = new Nginx(p, dir, port);
            try {
                Poll.until("nginx accepts on " + port, Duration.ofSeconds(20), () -> {
                    if (!p.isAlive()) throw new IllegalStateException("nginx exited: " + n.log());
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
            } catch (RuntimeException | AssertionError e) {
                n.close();
                throw e;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** nginx's own output and error log. */
    public String log() {
        try {
            Path err = dir.resolve("error.log");
            Path out = dir.resolve("stdout.log");
            return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(err) ? Files.readString(err) : "");
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Stops the master (and with it its worker) by pid. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
