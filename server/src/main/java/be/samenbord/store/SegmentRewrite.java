package be.samenbord.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Repairs of a journal segment at recovery, each durable before it returns. */
final class SegmentRewrite {

    private SegmentRewrite() {
    }

    /** Cuts {@code file} at {@code at} (a torn tail). */
    static void cut(Path file, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(at);
            ch.force(true);
        }
    }

    /**
     * Replaces {@code file} by a copy holding the header and every byte up to {@code goodEnd}
     * outside the damaged stretches: written to a temporary file, synced, renamed over the
     * original, directory synced. The caller kept the original aside first.
     */
    static void withoutDamage(DataDir dir, Path file, List<RecordFramer.Damage> damage, long goodEnd) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".rewrite");
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            out.write(java.nio.ByteBuffer.wrap(RecordFramer.MAGIC));
            long pos = RecordFramer.MAGIC.length;
            for (RecordFramer.Damage d : damage) {
                copy(in, out, pos, Math.max(pos, d.from()));
                pos = Math.max(pos, d.to());
            }
            copy(in, out, pos, goodEnd);
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        dir.sync();
    }

    private static void copy(FileChannel in, FileChannel out, long from, long to) throws IOException {
        long pos = from;
        while (pos < to) pos += in.transferTo(pos, to - pos, out);
    }
}
