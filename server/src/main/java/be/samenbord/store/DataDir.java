package be.samenbord.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the files of a {@link JournalStore} data directory. Journal segments and snapshot
 * marks share one increasing number: {@code snapshot-N.json} holds the workshops written to
 * segments below N, and {@code boards/<board>.<N>.<seq>.snap} one board at {@code seq}, holding
 * everything of that board in segments below N (see {@link BoardFiles}).
 */
final class DataDir {

    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{20})\\.log");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{20})\\.json");
    private static final Pattern SNAPSHOT_TMP = Pattern.compile("snapshot-(\\d{20})\\.json\\.tmp");

    private final Path path;
    private final long testLimit;

    DataDir(Path path) {
        this(path, 0);
    }

    /** @param testLimit test hook ({@code SAMENBORD_TEST_DISK_LIMIT_BYTES}): writes past this many bytes fail; 0 = off */
    DataDir(Path path, long testLimit) {
        this.path = path;
        this.testLimit = testLimit;
    }

    /** Throws as a full disk would when the test limit is set and {@code more} bytes would pass it. */
    void checkRoom(long more) throws IOException {
        if (testLimit <= 0) return;
        long used = bytesIn(path);
        if (Files.isDirectory(boards())) used += bytesIn(boards());
        if (used + more > testLimit) {
            throw new IOException("No space left on device (SAMENBORD_TEST_DISK_LIMIT_BYTES=" + testLimit + ", "
                    + used + " bytes used)");
        }
    }

    private static long bytesIn(Path dir) throws IOException {
        long used = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) used += Files.size(f);
            }
        }
        return used;
    }

    Path path() {
        return path;
    }

    /** The directory of per-board snapshot files. */
    Path boards() {
        return path.resolve("boards");
    }

    Path segment(long number) {
        return path.resolve("journal-" + pad(number) + ".log");
    }

    Path snapshot(long number) {
        return path.resolve("snapshot-" + pad(number) + ".json");
    }

    Path snapshotTmp(long number) {
        return path.resolve("snapshot-" + pad(number) + ".json.tmp");
    }

    NavigableMap<Long, Path> segments() throws IOException {
        return list(SEGMENT);
    }

    NavigableMap<Long, Path> snapshots() throws IOException {
        return list(SNAPSHOT);
    }

    NavigableMap<Long, Path> snapshotTmps() throws IOException {
        return list(SNAPSHOT_TMP);
    }

    /**
     * Makes creations, renames and deletions in the directory durable: without it a crash can
     * lose a new segment or a renamed snapshot even though the file's own data was synced.
     */
    void sync() throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Whether an earlier recovery kept damaged files here ({@code *.corrupt*}). */
    boolean hasQuarantined() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path, "*.corrupt*")) {
            return files.iterator().hasNext();
        }
    }

    /** Copies {@code file} to {@code <name>.corrupt-<n>} (the first free n), synced; returns the copy. */
    Path copyAside(Path file) throws IOException {
        Path target = freeAside(file);
        Files.copy(file, target);
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        sync();
        return target;
    }

    /** Renames {@code file} to {@code <name>.corrupt-<n>} (the first free n); returns the new name. */
    Path moveAside(Path file) throws IOException {
        Path target = freeAside(file);
        Files.move(file, target);
        sync();
        return target;
    }

    private Path freeAside(Path file) {
        for (int n = 1; ; n++) {
            Path p = file.resolveSibling(file.getFileName() + ".corrupt-" + n);
            if (!Files.exists(p)) return p;
        }
    }

    private NavigableMap<Long, Path> list(Pattern pattern) throws IOException {
        NavigableMap<Long, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
            for (Path file : files) {
                Matcher m = pattern.matcher(file.getFileName().toString());
                if (m.matches()) out.put(Long.parseLong(m.group(1)), file);
            }
        }
        return out;
    }

    private static String pad(long number) {
        return String.format("%020d", number);
    }
}
