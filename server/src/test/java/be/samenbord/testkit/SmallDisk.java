package be.samenbord.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A data directory on a small filesystem that a test can fill up and free again, for disk-full
 * tests. As root it mounts a tmpfs of the given size on a temporary directory (a real ENOSPC from
 * the kernel); where mounting is not allowed it falls back to a plain directory and the node's
 * test hook {@code SAMENBORD_TEST_DISK_LIMIT_BYTES} (pass {@link #env()} to the node). It prints
 * which one ran ({@code -Dsamenbord.smallDisk=hook} forces the fallback). {@link #fill()} writes a filler file until the disk is full, {@link #free()}
 * deletes it.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;
    private final Path dir;
    private final boolean mounted;
    private final long size;

    private SmallDisk(Path mountPoint, boolean mounted, long size) {
        this.mountPoint = mountPoint;
        this.dir = mountPoint.resolve("data");
        this.mounted = mounted;
        this.size = size;
    }

    public static SmallDisk create(long sizeBytes) {
        try {
            Path mp = Files.createTempDirectory("samenbord-small-disk-");
            // -Dsamenbord.smallDisk=hook runs the fallback even where mounting works.
            boolean mounted = !"hook".equals(System.getProperty("samenbord.smallDisk"))
                    && run(List.of("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes, "tmpfs", mp.toString()));
            SmallDisk d = new SmallDisk(mp, mounted, sizeBytes);
            Files.createDirectories(d.dir);
            System.out.println("SmallDisk: " + (mounted ? "tmpfs of " + sizeBytes + " bytes mounted on " + mp
                    : "fallback (mount not allowed, or -Dsamenbord.smallDisk=hook): plain directory " + mp + " with SAMENBORD_TEST_DISK_LIMIT_BYTES=" + sizeBytes));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when a real tmpfs is mounted (false: the test-hook fallback). */
    public boolean mounted() {
        return mounted;
    }

    public Path dir() {
        return dir;
    }

    /** Settings the node needs: none on a real small filesystem, the test hook otherwise. */
    public Map<String, String> env() {
        return mounted ? Map.of() : Map.of("SAMENBORD_TEST_DISK_LIMIT_BYTES", Long.toString(size));
    }

    private Path filler() {
        return dir.resolve("filler.bin");
    }

    /** Fills the disk (or the hook's limit) to the last byte with a filler file. */
    public void fill() {
        try (OutputStream out = Files.newOutputStream(filler())) {
            byte[] chunk = new byte[4096];
            if (mounted) {
                // Bounded: the filesystem is at most `size` bytes.
                for (long written = 0; written <= size; written += chunk.length) out.write(chunk);
                throw new IllegalStateException("the small disk did not fill up");
            }
            long used;
            try (Stream<Path> files = Files.list(dir)) {
                used = files.filter(Files::isRegularFile).mapToLong(SmallDisk::sizeOf).sum();
            }
            for (long left = size - used; left > 0; left -= chunk.length) out.write(chunk, 0, (int) Math.min(chunk.length, left));
        } catch (IOException full) {
            if (!mounted) throw new UncheckedIOException(full);
            // ENOSPC: the disk is full, as intended.
        }
    }

    public void free() {
        try {
            Files.deleteIfExists(filler());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (mounted) run(List.of("umount", "-l", mountPoint.toString()));
        try (Stream<Path> all = Files.walk(mountPoint)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("SmallDisk: could not delete " + mountPoint + ": " + e);
        }
    }

    private static boolean run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0) System.out.println("SmallDisk: " + String.join(" ", command) + ": " + out.strip());
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
