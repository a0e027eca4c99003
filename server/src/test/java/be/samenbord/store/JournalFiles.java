package be.samenbord.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Looks at and damages journal files directly, independently of the store's own reader. */
final class JournalFiles {

    private JournalFiles() {
    }

    static List<Path> segments(Path dir) throws IOException {
        return matching(dir, "journal-\\d{20}\\.log");
    }

    static List<Path> snapshots(Path dir) throws IOException {
        return matching(dir, "snapshot-\\d{20}\\.json");
    }

    static List<Path> matching(Path dir, String regex) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(regex)).sorted().toList();
        }
    }

    /** The newest segment that holds records. */
    static Path lastSegmentWithData(Path dir) throws IOException {
        List<Path> withData = new ArrayList<>();
        for (Path p : segments(dir)) {
            if (Files.size(p) > 4) withData.add(p);
        }
        return withData.getLast();
    }

    /** Byte offsets where each record starts, parsed from the length headers. */
    static List<Long> recordStarts(Path segment) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Long> starts = new ArrayList<>();
        int pos = 4;
        while (pos < all.limit()) {
            starts.add((long) pos);
            pos += 8 + all.getInt(pos);
        }
        return starts;
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    static void flipByte(Path file, long at) throws IOException {
        byte[] all = Files.readAllBytes(file);
        all[(int) at] ^= 0x20;
        Files.write(file, all);
    }

    static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : files.toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
    }
}
