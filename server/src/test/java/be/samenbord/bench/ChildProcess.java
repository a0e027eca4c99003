package be.samenbord.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A child process whose stdout is drained in the background; "READY &lt;port&gt;" gives its port. */
final class ChildProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("READY (\\d+)");

    private final Process process;
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private final StringBuilder tail = new StringBuilder();

    private ChildProcess(Process process) {
        this.process = process;
        Thread t = new Thread(this::drain, "drain-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    static ChildProcess start(List<String> cmd, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (dir != null) pb.directory(dir.toFile());
            return Systems.track(new ChildProcess(pb.start()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drain() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = READY.matcher(line);
                if (!ready.isDone() && m.find()) ready.complete(Integer.parseInt(m.group(1)));
                synchronized (tail) {
                    tail.append(line).append('\n');
                    if (tail.length() > 8000) tail.delete(0, tail.length() - 8000);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        ready.completeExceptionally(new IllegalStateException("exited without READY:\n" + output()));
    }

    int awaitReady(int seconds) {
        try {
            return ready.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("no READY line within " + seconds + " s: " + e.getMessage() + "\n" + output());
        }
    }

    String output() {
        synchronized (tail) {
            return tail.toString();
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the exit; false if it did not end in time. */
    boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() {
        Systems.untrack(this);
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
